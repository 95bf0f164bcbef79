using GovReport.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

public class DatabaseBootstrapTests
{
    [Fact]
    public async Task EnsureAdminAsync_EmptyDatabase_CreatesAdminAndOwnerOnlyTokenFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();

        var result = await DatabaseBootstrap.EnsureAdminAsync(db, database.Directory, TimeProvider.System);

        Assert.NotNull(result);
        Assert.Equal(Role.Admin, result.Admin.Role);
        Assert.Equal(Path.Combine(database.Directory, "admin-token"), result.TokenFile);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(result.TokenFile));
        }

        var secret = (await File.ReadAllTextAsync(result.TokenFile)).Trim();
        await using var stores = database.NewStores();
        var authentication = await stores.Tokens.AuthenticateAsync(secret);
        Assert.True(authentication.Succeeded);
        Assert.Equal("admin", authentication.User!.Name);
        Assert.True((await stores.Audit.VerifyAsync(new Caller(authentication.User.ToActor(), "test"))).Intact);
    }

    [Fact]
    public async Task EnsureAdminAsync_SecondStartOrConcurrentStarts_OneAdminOnly()
    {
        await using var database = await TestDatabase.CreateAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ =>
        {
            await using var db = database.NewContext();
            return await DatabaseBootstrap.EnsureAdminAsync(db, database.Directory, TimeProvider.System);
        }));
        await using var again = database.NewContext();
        var later = await DatabaseBootstrap.EnsureAdminAsync(again, database.Directory, TimeProvider.System);

        Assert.Single(results, r => r is not null);
        Assert.Null(later);
        Assert.Equal(1, await again.Users.CountAsync());
        Assert.Equal(1, await again.Agencies.CountAsync());
    }

    [Fact]
    public async Task EnsureAdminAsync_ExistingUsers_DoesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.SeedAsync();
        await using var db = database.NewContext();

        Assert.Null(await DatabaseBootstrap.EnsureAdminAsync(db, database.Directory, TimeProvider.System));
        Assert.False(File.Exists(Path.Combine(database.Directory, "admin-token")));
    }
}
