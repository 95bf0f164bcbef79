using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

public class IdentityStoreTests
{
    [Fact]
    public async Task AgencyStore_Tree_PathsAndSubtreeListing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();

        var beilunSubtree = await stores.Agencies.ListAsync(world.Beilun.Id);

        Assert.Equal($"/{world.Ningbo.Id}/{world.Beilun.Id}/{world.Office.Id}/", world.Office.Path.Value);
        Assert.Equal(["北仑区人民政府", "北仑区人民政府办公室"], beilunSubtree.Select(a => a.Name));
        Assert.Equal(AgencyKind.TownshipOrStreet, (await stores.Agencies.GetAsync(world.Langxia.Id)).Kind);
        Assert.Equal(world.Langxia.Id, (await stores.Agencies.FindByNameAsync("朗霞街道办事处"))!.Id);
        await Assert.ThrowsAsync<ResourceExistsException>(() =>
            stores.Agencies.CreateAsync(world.Admin, "北仑区人民政府办公室", AgencyKind.Department, world.Beilun.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            stores.Agencies.CreateAsync(world.BeilunReviewer, "新局", AgencyKind.Department, world.Beilun.Id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            stores.Agencies.CreateAsync(world.Admin, "新局", AgencyKind.Department, 9999));
    }

    [Fact]
    public async Task UserStore_CreateAndFind_CarriesAgencyPath()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();

        var user = await stores.Users.FindByNameAsync("office-clerk");

        Assert.NotNull(user);
        Assert.Equal(Role.Clerk, user.Role);
        Assert.Equal(world.Office.Path, user.AgencyPath);
        Assert.Equal(6, (await stores.Users.ListAsync()).Count);
        await Assert.ThrowsAsync<ResourceExistsException>(() =>
            stores.Users.CreateAsync(world.Admin, "office-clerk", "", Role.Clerk, world.Office.Id));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            stores.Users.CreateAsync(world.CityReviewer, "x", "", Role.Clerk, world.Office.Id));
    }

    [Fact]
    public async Task TokenStore_IssueAuthenticateExpireRevoke_StoresOnlyHash()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await using var stores = database.NewStores(clock);
        var userId = world.OfficeClerk.Actor.UserId;

        var issued = await stores.Tokens.IssueAsync(world.OfficeClerk, userId, "cli", TimeSpan.FromDays(7));
        var ok = await stores.Tokens.AuthenticateAsync(issued.Secret);

        Assert.True(ok.Succeeded);
        Assert.Equal("office-clerk", ok.User!.Name);
        var row = await stores.Db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == issued.Token.Id);
        Assert.Equal(ApiTokens.Hash(issued.Secret), row.Hash);
        Assert.DoesNotContain(issued.Secret[8..], System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(database.Options.SqliteFilePath ?? "/dev/null")), StringComparison.Ordinal);

        clock.Now = clock.Now.AddDays(7);
        Assert.Equal(TokenCheck.Expired, (await stores.Tokens.AuthenticateAsync(issued.Secret)).Check);

        clock.Now = clock.Now.AddDays(-1);
        await stores.Tokens.RevokeAsync(world.OfficeClerk, issued.Token.Id);
        Assert.Equal(TokenCheck.Revoked, (await stores.Tokens.AuthenticateAsync(issued.Secret)).Check);
        Assert.Equal(TokenCheck.Malformed, (await stores.Tokens.AuthenticateAsync("not-a-token")).Check);
        Assert.Equal(TokenCheck.Unknown, (await stores.Tokens.AuthenticateAsync("grt_" + new string('A', 43))).Check);
    }

    [Fact]
    public async Task TokenStore_IssueForAnotherUser_OnlyAdmin()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();

        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            stores.Tokens.IssueAsync(world.OfficeClerk, world.OfficeClerk2.Actor.UserId, "x", TimeSpan.FromDays(1)));
        var issued = await stores.Tokens.IssueAsync(world.Admin, world.OfficeClerk2.Actor.UserId, "x", TimeSpan.FromDays(1));
        await Assert.ThrowsAsync<AccessDeniedException>(() => stores.Tokens.RevokeAsync(world.OfficeClerk, issued.Token.Id));
        Assert.Single(await stores.Tokens.ListAsync(world.OfficeClerk2.Actor.UserId));
    }
}
