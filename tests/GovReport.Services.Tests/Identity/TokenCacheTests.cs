using System.Globalization;
using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Data.Entities;
using GovReport.Grpc;
using GovReport.Services.Tests.Proofs.Internal;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.Extensions.DependencyInjection;
using DomainRole = GovReport.Domain.Identity.Role;

namespace GovReport.Services.Tests.Identity;

/// <summary>
/// The server's token authentication cache over real gRPC: a warm token keeps working, a revocation through the
/// API is refused on the very next call, expiry is enforced on cached tokens, and changes written straight into the
/// database (as another server or process would) are seen once the time to live has passed on the server's clock,
/// which the test moves instead of sleeping. The server runs with a 120 s time to live
/// (GovReport:Authentication:CacheSeconds), so a slow machine cannot let an entry go stale before a test moves the clock.
/// </summary>
public sealed class TokenCacheTests(TokenCacheTests.Server server) : IClassFixture<TokenCacheTests.Server>
{
    private static readonly TimeSpan TimeToLive = TimeSpan.FromSeconds(120);

    private TokenAuthenticationCache Cache => server.App.Services.GetRequiredService<TokenAuthenticationCache>();

    [Fact]
    public async Task RevokeToken_WarmCachedToken_NextCallUnauthenticatedTokenRevoked()
    {
        var (user, token) = await CreateUserAsync(Role.Clerk);
        var client = server.Client(token);
        Assert.Equal(user.Name, (await GetCurrentUserAsync(client)).Name);
        Assert.Equal(user.Name, (await GetCurrentUserAsync(client)).Name);
        Assert.True(Cache.TryAuthenticate(token, out _));
        var tokens = await server.Admin.CallAsync<CreateTokenRequest, CreateTokenResponse>("IdentityService", "CreateToken",
            new CreateTokenRequest { Parent = user.Name, Token = new Token { DisplayName = "second" } });
        await GetCurrentUserAsync(server.Client(tokens.Secret));

        await client.CallAsync<RevokeTokenRequest, Token>("IdentityService", "RevokeToken",
            new RevokeTokenRequest { Name = await TokenNameAsync(user, "tests") });
        var error = await Assert.ThrowsAsync<RpcException>(() => GetCurrentUserAsync(client));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_REVOKED"), (error.Status.StatusCode, error.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
        Assert.Equal(user.Name, (await GetCurrentUserAsync(server.Client(tokens.Secret))).Name);
    }

    [Fact]
    public async Task AnyCall_CachedTokenExpires_UnauthenticatedTokenExpired()
    {
        var (user, _) = await CreateUserAsync(Role.Clerk);
        var shortLived = await server.Admin.CreateTokenAsync(user.Name, server.Clock.GetUtcNow().AddSeconds(60));
        var client = server.Client(shortLived.Secret);
        await GetCurrentUserAsync(client);
        Assert.True(Cache.TryAuthenticate(shortLived.Secret, out var cached) && cached.Succeeded);

        server.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(Cache.TryAuthenticate(shortLived.Secret, out var expired) && expired.Check == Domain.Identity.TokenCheck.Expired);
        var error = await Assert.ThrowsAsync<RpcException>(() => GetCurrentUserAsync(client));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_EXPIRED"), (error.Status.StatusCode, error.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
        Assert.Contains("已过期", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_UserDisabledByAnotherProcess_UnauthenticatedAfterTimeToLive()
    {
        var (user, token) = await CreateUserAsync(Role.Reviewer);
        var client = server.Client(token);
        await GetCurrentUserAsync(client);

        await UpdateUserInDatabaseAsync(user, u => u.SetProperty(r => r.Disabled, true));
        server.Clock.Advance(TimeToLive);
        var error = await Assert.ThrowsAsync<RpcException>(() => GetCurrentUserAsync(client));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_REVOKED"), (error.Status.StatusCode, error.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
    }

    [Fact]
    public async Task ListUsers_AdminDemotedByAnotherProcess_AllowedWithinTimeToLiveThenPermissionDenied()
    {
        var (user, token) = await CreateUserAsync(Role.Admin);
        var client = server.Client(token);
        await ListUsersAsync(client);

        await UpdateUserInDatabaseAsync(user, u => u.SetProperty(r => r.Role, (int)DomainRole.Clerk));
        // Still the cached admin: the bounded delay for writes this server did not make.
        var withinTimeToLive = await ListUsersAsync(client);
        server.Clock.Advance(TimeToLive);
        var error = await Assert.ThrowsAsync<RpcException>(() => ListUsersAsync(client));

        Assert.Contains(withinTimeToLive.Users, u => u.Name == user.Name);
        Assert.Equal((StatusCode.PermissionDenied, "ACCESS_DENIED"), (error.Status.StatusCode, error.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
        Assert.Equal(Role.Clerk, (await GetCurrentUserAsync(client)).Role);
    }

    [Fact]
    public async Task ListUsers_AdminDemotedAndUserInvalidated_NextCallPermissionDenied()
    {
        var (user, token) = await CreateUserAsync(Role.Admin);
        var client = server.Client(token);
        await ListUsersAsync(client);

        // What an in-process role change does after its commit.
        await UpdateUserInDatabaseAsync(user, u => u.SetProperty(r => r.Role, (int)DomainRole.Reviewer));
        Cache.InvalidateUser(UserId(user));
        var error = await Assert.ThrowsAsync<RpcException>(() => ListUsersAsync(client));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
        Assert.Equal(Role.Reviewer, (await GetCurrentUserAsync(client)).Role);
    }

    private async Task<(User User, string Token)> CreateUserAsync(Role role)
    {
        var root = await new ProofWorldFactory(server).RootAgencyAsync();
        var login = "cache-" + Guid.NewGuid().ToString("N")[..8];
        var user = await server.Admin.CallAsync<CreateUserRequest, User>("IdentityService", "CreateUser",
            new CreateUserRequest { User = new User { Login = login, DisplayName = login, Role = role, Agency = root } });
        var token = await server.Admin.CallAsync<CreateTokenRequest, CreateTokenResponse>("IdentityService", "CreateToken",
            new CreateTokenRequest { Parent = user.Name, Token = new Token { DisplayName = "tests" } });
        return (user, token.Secret);
    }

    private async Task<string> TokenNameAsync(User user, string displayName)
    {
        await using var db = GovReportDatabase.CreateContext(server.App.Services.GetRequiredService<DatabaseOptions>());
        var id = await db.ApiTokens.Where(t => t.UserId == UserId(user) && t.Name == displayName).Select(t => t.Id).SingleAsync();
        return $"{user.Name}/tokens/{id.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Writes to the users table through a DbContext of its own, bypassing the server's stores and cache.</summary>
    private async Task UpdateUserInDatabaseAsync(User user, Action<UpdateSettersBuilder<UserRow>> set)
    {
        await using var db = GovReportDatabase.CreateContext(server.App.Services.GetRequiredService<DatabaseOptions>());
        var id = UserId(user);
        Assert.Equal(1, await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(set));
    }

    private static long UserId(User user) => long.Parse(user.Name["users/".Length..], CultureInfo.InvariantCulture);

    private static Task<User> GetCurrentUserAsync(ProofClient client) =>
        client.CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest());

    private static Task<ListUsersResponse> ListUsersAsync(ProofClient client) =>
        client.CallAsync<ListUsersRequest, ListUsersResponse>("IdentityService", "ListUsers", new ListUsersRequest { PageSize = 1000 });

    /// <summary>The proof server with the cache's time to live at <see cref="TimeToLive"/>.</summary>
    public sealed class Server : ProofServerFixture
    {
        protected override IReadOnlyDictionary<string, string> Configuration =>
            new Dictionary<string, string>(base.Configuration.ToDictionary())
            {
                [TokenAuthenticationCacheOptions.TimeToLiveKey] = TimeToLive.TotalSeconds.ToString(CultureInfo.InvariantCulture),
            };
    }
}
