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
        var response = await server.AnonymousChannel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check", new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Theory]
    [InlineData("TemplateService/ListTemplates")]
    [InlineData("TemplateService/GetTemplate")]
    [InlineData("ValidationService/ListRules")]
    [InlineData("ValidationService/ValidateReport")]
    [InlineData("ValidationService/ImportReport")]
    public async Task TemplateOrValidationCall_NoToken_UnauthenticatedInChinese(string method)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallWithTokenAsync(null, method));

        Assert.Equal(StatusCode.Unauthenticated, error.Status.StatusCode);
        Assert.Equal("TOKEN_MISSING", error.GetDetail<ErrorInfo>()?.Type);
        Assert.Contains("缺少访问令牌", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TemplateAndValidationCalls_RevokedToken_UnauthenticatedTokenRevoked()
    {
        var issued = await server.CallAsync<CreateTokenRequest, CreateTokenResponse>(server.ClerkToken, "IdentityService/CreateToken",
            new CreateTokenRequest { Parent = server.Clerk.Name, Token = new Token { DisplayName = "to revoke" } });
        await CallWithTokenAsync(issued.Secret, "ValidationService/ListRules");
        await server.CallAsync<RevokeTokenRequest, Token>(server.ClerkToken, "IdentityService/RevokeToken", new RevokeTokenRequest { Name = issued.Token.Name });

        foreach (var method in new[] { "TemplateService/ListTemplates", "ValidationService/ImportReport" })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => CallWithTokenAsync(issued.Secret, method));
            Assert.Equal(StatusCode.Unauthenticated, error.Status.StatusCode);
            Assert.Equal("TOKEN_REVOKED", error.GetDetail<ErrorInfo>()?.Type);
            Assert.Contains("已被吊销", error.Status.Detail, StringComparison.Ordinal);
        }
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

    /// <summary>One cheap call of a template or validation RPC with <paramref name="token"/> (none when null).</summary>
    private Task CallWithTokenAsync(string? token, string method) => method switch
    {
        "TemplateService/ListTemplates" => server.CallAsync<ListTemplatesRequest, ListTemplatesResponse>(token, method, new ListTemplatesRequest()),
        "TemplateService/GetTemplate" => server.CallAsync<GetTemplateRequest, ReportTemplate>(token, method, new GetTemplateRequest { Name = "templates/2021" }),
        "ValidationService/ListRules" => server.CallAsync<ListRulesRequest, ListRulesResponse>(token, method, new ListRulesRequest()),
        "ValidationService/ValidateReport" => server.CallAsync<ValidateReportRequest, GovReport.Api.V1.ValidationResult>(token, method,
            new ValidateReportRequest { Report = new Report { ReportYear = 2021, Template = Template._2021, AgencyDisplayName = "某局" } }),
        _ => server.CallAsync<ImportReportRequest, ImportReportResponse>(token, method,
            new ImportReportRequest { Content = Google.Protobuf.ByteString.CopyFromUtf8("2021年政府信息公开工作年度报告\n"), FileName = "r.txt" }),
    };
}
