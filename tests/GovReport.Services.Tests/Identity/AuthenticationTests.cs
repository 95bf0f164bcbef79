using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using Grpc.Health.V1;

namespace GovReport.Services.Tests.Identity;

public sealed class AuthenticationTests(AuthenticatedServer server) : IClassFixture<AuthenticatedServer>
{
    [Fact]
    public void AdminTokenFile_FirstStart_IsOwnerOnlyAndWellFormed()
    {
        var path = Path.Combine(server.DataDir, "admin-token");
        Assert.StartsWith("grt_", server.AdminToken, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task GetCurrentUser_AdminToken_ReturnsBootstrapAdmin()
    {
        var me = await server.CallAsync<GetCurrentUserRequest, User>(server.AdminToken, "IdentityService/GetCurrentUser", new GetCurrentUserRequest());

        Assert.Equal("admin", me.Login);
        Assert.Equal(Role.Admin, me.Role);
    }

    [Fact]
    public async Task GetCurrentUser_ClerkToken_ReturnsClerkWithAgency()
    {
        var me = await server.CallAsync<GetCurrentUserRequest, User>(server.ClerkToken, "IdentityService/GetCurrentUser", new GetCurrentUserRequest());

        Assert.Equal(server.Clerk.Name, me.Name);
        Assert.Equal(server.Office.Name, me.Agency);
    }

    [Fact]
    public async Task ReportCall_NoToken_UnauthenticatedTokenMissing()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ListReportsRequest, ListReportsResponse>(null, "ReportService/ListReports", new ListReportsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.Status.StatusCode);
        Assert.Equal("TOKEN_MISSING", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task ReportCall_UnknownToken_UnauthenticatedTokenInvalid()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ListReportsRequest, ListReportsResponse>("grt_" + new string('A', 43), "ReportService/ListReports", new ListReportsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.Status.StatusCode);
        Assert.Equal("TOKEN_INVALID", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task ReportCall_RevokedToken_UnauthenticatedTokenRevoked()
    {
        var issued = await server.CallAsync<CreateTokenRequest, CreateTokenResponse>(server.ClerkToken, "IdentityService/CreateToken",
            new CreateTokenRequest { Parent = server.Clerk.Name, Token = new Token { DisplayName = "to revoke" } });
        var revoked = await server.CallAsync<RevokeTokenRequest, Token>(server.ClerkToken, "IdentityService/RevokeToken",
            new RevokeTokenRequest { Name = issued.Token.Name });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ListReportsRequest, ListReportsResponse>(issued.Secret, "ReportService/ListReports", new ListReportsRequest()));

        Assert.NotNull(revoked.RevokeTime);
        Assert.Equal(StatusCode.Unauthenticated, error.Status.StatusCode);
        Assert.Equal("TOKEN_REVOKED", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task ReportCall_ExpiredToken_UnauthenticatedTokenExpired()
    {
        var issued = await server.CallAsync<CreateTokenRequest, CreateTokenResponse>(server.ClerkToken, "IdentityService/CreateToken",
            new CreateTokenRequest
            {
                Parent = server.Clerk.Name,
                Token = new Token { DisplayName = "short", ExpireTime = Timestamp.FromDateTime(DateTime.UtcNow.AddSeconds(1)) },
            });
        // Wait until the expiry has passed (a correctness precondition, not a timing assertion).
        while (DateTime.UtcNow <= issued.Token.ExpireTime.ToDateTime())
        {
            await Task.Delay(200);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ListReportsRequest, ListReportsResponse>(issued.Secret, "ReportService/ListReports", new ListReportsRequest()));

        Assert.Equal(StatusCode.Unauthenticated, error.Status.StatusCode);
        Assert.Equal("TOKEN_EXPIRED", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task HealthCheck_NoToken_Serving()
    {
        var response = await server.Channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check", new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task CreateUser_Clerk_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<CreateUserRequest, User>(server.ClerkToken, "IdentityService/CreateUser", new CreateUserRequest
            {
                User = new User { Login = "intruder", Role = Role.Admin, Agency = server.Office.Name },
            }));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
        Assert.Equal("ACCESS_DENIED", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task ListUsers_Admin_ListsCreatedUsers()
    {
        var users = await server.CallAsync<ListUsersRequest, ListUsersResponse>(server.AdminToken, "IdentityService/ListUsers",
            new ListUsersRequest { PageSize = 2 });

        Assert.Equal(2, users.Users.Count);
        Assert.NotEmpty(users.NextPageToken);
    }
}
