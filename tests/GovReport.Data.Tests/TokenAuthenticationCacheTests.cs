using System.Data.Common;
using System.Text.RegularExpressions;
using GovReport.Domain.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;

namespace GovReport.Data.Tests;

/// <summary>
/// TokenStore with the server's TokenAuthenticationCache: a known token is answered from memory (proved by a
/// TokenStore whose DbContext is already disposed), revocations through the store take effect at once, expiry is
/// checked on every hit, and changes written by another context are seen once the time to live has passed.
/// </summary>
public partial class TokenAuthenticationCacheTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AuthenticateAsync_KnownToken_SecondCallAnsweredWithoutDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock);
        var secret = await IssueAsync(database, clock, world.OfficeClerk, TimeSpan.FromDays(7));

        var first = await AuthenticateAsync(database, clock, cache, secret);
        clock.Now += TimeSpan.FromSeconds(4);
        var second = await AuthenticateWithoutDatabaseAsync(database, clock, cache, secret);

        Assert.True(first.Succeeded);
        Assert.Same(first, second);
        Assert.Equal("office-clerk", second.User!.Name);
        Assert.Equal(world.Office.Path, second.Actor!.AgencyPath);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task TryAuthenticate_Hit_AllocatesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock);
        var secret = await IssueAsync(database, clock, world.OfficeClerk, TimeSpan.FromDays(7));
        var header = "Bearer " + secret;
        Assert.True((await AuthenticateAsync(database, clock, cache, secret)).Succeeded);
        Assert.True(cache.TryAuthenticate(header.AsSpan(7), out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var hits = 0;
        for (var i = 0; i < 1000; i++)
        {
            hits += cache.TryAuthenticate(header.AsSpan(7), out var hit) && hit.Succeeded ? 1 : 0;
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(1000, hits);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task RevokeAsync_CachedToken_NextAuthenticationRevoked()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock);
        await using var stores = database.NewStores(clock);
        var issued = await stores.Tokens.IssueAsync(world.OfficeClerk, world.OfficeClerk.Actor.UserId, "cli", TimeSpan.FromDays(7));
        Assert.True((await AuthenticateAsync(database, clock, cache, issued.Secret)).Succeeded);

        await using (var db = database.NewContext())
        {
            await new TokenStore(db, new AuditLog(db, clock), clock, cache).RevokeAsync(world.OfficeClerk, issued.Token.Id);
        }

        Assert.False(cache.TryAuthenticate(issued.Secret, out _));
        Assert.Equal(TokenCheck.Revoked, (await AuthenticateAsync(database, clock, cache, issued.Secret)).Check);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task AuthenticateAsync_TokenExpiresWhileCached_ExpiredFromCache()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock, new TokenAuthenticationCacheOptions(TimeSpan.FromMinutes(1), 100));
        var secret = await IssueAsync(database, clock, world.OfficeClerk, TimeSpan.FromSeconds(30));
        Assert.True((await AuthenticateAsync(database, clock, cache, secret)).Succeeded);

        clock.Now += TimeSpan.FromSeconds(29);
        var justBefore = await AuthenticateWithoutDatabaseAsync(database, clock, cache, secret);
        clock.Now += TimeSpan.FromSeconds(1);
        var atExpiry = await AuthenticateWithoutDatabaseAsync(database, clock, cache, secret);

        Assert.True(justBefore.Succeeded);
        Assert.Equal(TokenCheck.Expired, atExpiry.Check);
        Assert.Null(atExpiry.User);
    }

    [Fact]
    public async Task AuthenticateAsync_UserChangedByAnotherContext_SeenAfterTimeToLive()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock, new TokenAuthenticationCacheOptions(TimeSpan.FromSeconds(5), 100));
        var userId = world.BeilunReviewer.Actor.UserId;
        var secret = await IssueAsync(database, clock, world.BeilunReviewer, TimeSpan.FromDays(7));
        Assert.Equal(Role.Reviewer, (await AuthenticateAsync(database, clock, cache, secret)).User!.Role);

        // Another process (a second server, an administrator's SQL) demotes the reviewer to clerk at the office.
        await using (var other = database.NewContext())
        {
            await other.Users.Where(u => u.Id == userId)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Role, (int)Role.Clerk).SetProperty(u => u.AgencyId, world.Office.Id));
        }

        clock.Now += TimeSpan.FromSeconds(4);
        var withinTimeToLive = await AuthenticateAsync(database, clock, cache, secret);
        clock.Now += TimeSpan.FromSeconds(1);
        var afterTimeToLive = await AuthenticateAsync(database, clock, cache, secret);

        Assert.Equal(Role.Reviewer, withinTimeToLive.User!.Role);
        Assert.Equal(Role.Clerk, afterTimeToLive.User!.Role);
        Assert.Equal(Role.Clerk, afterTimeToLive.Actor!.Role);
        Assert.Equal(world.Office.Path, afterTimeToLive.Actor.AgencyPath);
    }

    [Fact]
    public async Task AuthenticateAsync_UserDisabledOrTokenRevokedByAnotherContext_RevokedAfterTimeToLive()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock, new TokenAuthenticationCacheOptions(TimeSpan.FromSeconds(5), 100));
        var disabledUsersToken = await IssueAsync(database, clock, world.LangxiaClerk, TimeSpan.FromDays(7));
        await using var stores = database.NewStores(clock);
        var revoked = await stores.Tokens.IssueAsync(world.OfficeClerk, world.OfficeClerk.Actor.UserId, "cli", TimeSpan.FromDays(7));
        Assert.True((await AuthenticateAsync(database, clock, cache, disabledUsersToken)).Succeeded);
        Assert.True((await AuthenticateAsync(database, clock, cache, revoked.Secret)).Succeeded);

        await using (var other = database.NewContext())
        {
            await other.Users.Where(u => u.Id == world.LangxiaClerk.Actor.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true));
            await other.ApiTokens.Where(t => t.Id == revoked.Token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, Start));
        }

        clock.Now += TimeSpan.FromSeconds(5);

        Assert.Equal(TokenCheck.Revoked, (await AuthenticateAsync(database, clock, cache, disabledUsersToken)).Check);
        Assert.Equal(TokenCheck.Revoked, (await AuthenticateAsync(database, clock, cache, revoked.Secret)).Check);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task InvalidateUser_AfterChangeCommitted_NextAuthenticationReadsDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock);
        var userId = world.CityReviewer.Actor.UserId;
        var secret = await IssueAsync(database, clock, world.CityReviewer, TimeSpan.FromDays(7));
        var otherSecret = await IssueAsync(database, clock, world.OfficeClerk, TimeSpan.FromDays(7));
        Assert.True((await AuthenticateAsync(database, clock, cache, secret)).Succeeded);
        Assert.True((await AuthenticateAsync(database, clock, cache, otherSecret)).Succeeded);
        await using (var other = database.NewContext())
        {
            await other.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Disabled, true));
        }

        cache.InvalidateUser(userId);

        Assert.Equal(TokenCheck.Revoked, (await AuthenticateAsync(database, clock, cache, secret)).Check);
        Assert.True((await AuthenticateWithoutDatabaseAsync(database, clock, cache, otherSecret)).Succeeded);
        cache.InvalidateAll();
        Assert.False(cache.TryAuthenticate(otherSecret, out _));
    }

    [Fact]
    public async Task AuthenticateAsync_RevokedWhileItsReadIsInFlight_StaleResultNotCached()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock);
        await using var stores = database.NewStores(clock);
        var issued = await stores.Tokens.IssueAsync(world.OfficeClerk, world.OfficeClerk.Actor.UserId, "cli", TimeSpan.FromDays(7));
        var pause = new PauseBeforeUsersQuery();
        var builder = new DbContextOptionsBuilder<GovReportDbContext>();
        GovReportDatabase.Configure(builder, database.Options);
        builder.AddInterceptors(pause);
        await using var slowDb = new GovReportDbContext(builder.Options);

        // The token row is read (valid), then the read stops before the user query while the revocation commits.
        var inFlight = new TokenStore(slowDb, new AuditLog(slowDb, clock), clock, cache).AuthenticateAsync(issued.Secret);
        await pause.Reached.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using (var db = database.NewContext())
        {
            await new TokenStore(db, new AuditLog(db, clock), clock, cache).RevokeAsync(world.OfficeClerk, issued.Token.Id);
        }

        pause.Release.SetResult();
        var stale = await inFlight;

        Assert.True(stale.Succeeded);
        Assert.False(cache.TryAuthenticate(issued.Secret, out _));
        Assert.Equal(TokenCheck.Revoked, (await AuthenticateAsync(database, clock, cache, issued.Secret)).Check);
    }

    [Fact]
    public async Task AuthenticateAsync_UnknownMalformedOrExpired_NeverCached()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock);
        var expired = await IssueAsync(database, clock, world.OfficeClerk, TimeSpan.FromSeconds(1));
        clock.Now += TimeSpan.FromSeconds(1);
        var unknown = "grt_" + new string('A', 43);

        Assert.Equal(TokenCheck.Unknown, (await AuthenticateAsync(database, clock, cache, unknown)).Check);
        Assert.Equal(TokenCheck.Malformed, (await AuthenticateAsync(database, clock, cache, "not-a-token")).Check);
        Assert.Equal(TokenCheck.Expired, (await AuthenticateAsync(database, clock, cache, expired)).Check);
        Assert.False(cache.TryAuthenticate(unknown, out _));
        Assert.False(cache.TryAuthenticate(new string('x', 10_000), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task AuthenticateAsync_MoreTokensThanCapacity_StaysBoundedAndCorrect()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var cache = new TokenAuthenticationCache(clock, new TokenAuthenticationCacheOptions(TimeSpan.FromSeconds(5), 8));
        var callers = new[] { world.OfficeClerk, world.OfficeClerk2, world.LangxiaClerk, world.BeilunReviewer, world.CityReviewer };
        var secrets = new List<(string Secret, long UserId)>();
        for (var i = 0; i < 20; i++)
        {
            var caller = callers[i % callers.Length];
            secrets.Add((await IssueAsync(database, clock, caller, TimeSpan.FromDays(1)), caller.Actor.UserId));
        }

        foreach (var (secret, userId) in secrets)
        {
            Assert.Equal(userId, (await AuthenticateAsync(database, clock, cache, secret)).User!.Id);
            Assert.InRange(cache.Count, 1, 8);
        }

        foreach (var (secret, userId) in secrets)
        {
            Assert.Equal(userId, (await AuthenticateAsync(database, clock, cache, secret)).User!.Id);
        }

        Assert.InRange(cache.Count, 1, 8);
    }

    [Fact]
    public async Task AuthenticateAsync_TimeToLiveZero_NothingCached()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var clock = new ManualClock(Start);
        var options = TokenAuthenticationCacheOptions.FromConfiguration(Configuration(("GovReport:Authentication:CacheSeconds", "0")));
        var cache = new TokenAuthenticationCache(clock, options);
        var secret = await IssueAsync(database, clock, world.OfficeClerk, TimeSpan.FromDays(1));

        Assert.True((await AuthenticateAsync(database, clock, cache, secret)).Succeeded);
        Assert.False(cache.TryAuthenticate(secret, out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void FromConfiguration_ValuesDefaultsAndNonsense_ParsedOrRefusedInChinese()
    {
        var configured = TokenAuthenticationCacheOptions.FromConfiguration(Configuration(
            ("GovReport:Authentication:CacheSeconds", "2.5"), ("GovReport:Authentication:CacheEntries", "500")));
        var defaults = TokenAuthenticationCacheOptions.FromConfiguration(Configuration());
        var negative = Assert.Throws<InvalidOperationException>(() =>
            TokenAuthenticationCacheOptions.FromConfiguration(Configuration(("GovReport:Authentication:CacheSeconds", "-1"))));
        var tooLong = Assert.Throws<InvalidOperationException>(() =>
            TokenAuthenticationCacheOptions.FromConfiguration(Configuration(("GovReport:Authentication:CacheSeconds", "3600"))));
        var noEntries = Assert.Throws<InvalidOperationException>(() =>
            TokenAuthenticationCacheOptions.FromConfiguration(Configuration(("GovReport:Authentication:CacheEntries", "0"))));

        Assert.Equal(new TokenAuthenticationCacheOptions(TimeSpan.FromSeconds(2.5), 500), configured);
        Assert.Equal(new TokenAuthenticationCacheOptions(TimeSpan.FromSeconds(5), 10_000), defaults);
        Assert.Contains("CacheSeconds", negative.Message, StringComparison.Ordinal);
        Assert.Contains("秒数", tooLong.Message, StringComparison.Ordinal);
        Assert.Contains("正整数", noEntries.Message, StringComparison.Ordinal);
    }

    private static async Task<string> IssueAsync(TestDatabase database, TimeProvider clock, Caller owner, TimeSpan lifetime)
    {
        await using var stores = database.NewStores(clock);
        return (await stores.Tokens.IssueAsync(owner, owner.Actor.UserId, "cache-test", lifetime)).Secret;
    }

    /// <summary>One request scope: a fresh DbContext and a TokenStore over it that shares the cache.</summary>
    private static async Task<Authentication> AuthenticateAsync(TestDatabase database, TimeProvider clock, TokenAuthenticationCache cache, string secret)
    {
        await using var db = database.NewContext();
        return await new TokenStore(db, new AuditLog(db, clock), clock, cache).AuthenticateAsync(secret);
    }

    /// <summary>A TokenStore whose DbContext is disposed: any query would throw, so an answer came from the cache.</summary>
    private static async Task<Authentication> AuthenticateWithoutDatabaseAsync(TestDatabase database, TimeProvider clock,
        TokenAuthenticationCache cache, string secret)
    {
        var db = database.NewContext();
        await db.DisposeAsync();
        return await new TokenStore(db, new AuditLog(db, clock), clock, cache).AuthenticateAsync(secret);
    }

    /// <summary>Holds the first query of the users table until the test releases it.</summary>
    private sealed partial class PauseBeforeUsersQuery : DbCommandInterceptor
    {
        [GeneratedRegex(@"\busers\b")]
        private static partial Regex UsersTable();

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            // SQLite's SQL quotes the table ("users"), PostgreSQL's does not (users): match the word.
            if (UsersTable().IsMatch(command.CommandText) && Reached.TrySetResult())
            {
                await Release.Task;
            }

            return result;
        }
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
