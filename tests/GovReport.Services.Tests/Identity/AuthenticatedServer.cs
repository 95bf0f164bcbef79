using Google.Protobuf;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Identity;

/// <summary>
/// The real server with its first-start admin token (read from &lt;data-dir&gt;/admin-token) and a small agency
/// tree: root (bootstrap) → 北仑区人民政府 → 北仑区人民政府办公室, with a clerk at the office and a reviewer at the
/// district, each with its own token. (Re-implements IAsyncLifetime so xunit runs this InitializeAsync.)
/// </summary>
public sealed class AuthenticatedServer : ServerFixture, IAsyncLifetime
{
    public string ClerkToken { get; private set; } = string.Empty;

    public string ReviewerToken { get; private set; } = string.Empty;

    public Agency District { get; private set; } = new();

    public Agency Office { get; private set; } = new();

    public User Clerk { get; private set; } = new();

    public User Reviewer { get; private set; } = new();

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var agencies = await CallAsync<ListAgenciesRequest, ListAgenciesResponse>(AdminToken, "AgencyService/ListAgencies", new ListAgenciesRequest());
        var root = agencies.Agencies.Single();
        District = await CallAsync<CreateAgencyRequest, Agency>(AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
        {
            Parent = root.Name,
            Agency = new Agency { DisplayName = "北仑区人民政府", Kind = AgencyKind.Government },
        });
        Office = await CallAsync<CreateAgencyRequest, Agency>(AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
        {
            Parent = District.Name,
            Agency = new Agency { DisplayName = "北仑区人民政府办公室", Kind = AgencyKind.Department },
        });
        (Clerk, ClerkToken) = await CreateUserAsync("clerk", Role.Clerk, Office.Name);
        (Reviewer, ReviewerToken) = await CreateUserAsync("reviewer", Role.Reviewer, District.Name);
    }

    public async Task<(User User, string Token)> CreateUserAsync(string login, Role role, string agency)
    {
        var user = await CallAsync<CreateUserRequest, User>(AdminToken, "IdentityService/CreateUser", new CreateUserRequest
        {
            User = new User { Login = login, DisplayName = login, Role = role, Agency = agency },
        });
        var token = await CallAsync<CreateTokenRequest, CreateTokenResponse>(AdminToken, "IdentityService/CreateToken", new CreateTokenRequest
        {
            Parent = user.Name,
            Token = new Token { DisplayName = "tests" },
        });
        return (user, token.Secret);
    }

    /// <summary>Unary call to "/govreport.v1.{method}" with "authorization: Bearer {token}" (none when token is null).</summary>
    public Task<TResp> CallAsync<TReq, TResp>(string? token, string method, TReq request)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new()
    {
        var headers = new Metadata();
        if (token is not null)
        {
            headers.Add("authorization", "Bearer " + token);
        }

        return AnonymousChannel.UnaryAsync<TReq, TResp>("/govreport.v1." + method, request,
            new CallOptions(Headers: headers, Deadline: DateTime.UtcNow.AddSeconds(60)));
    }

    /// <summary>Seed 000 (北仑区人民政府办公室, 2019) as imported by ValidationService.</summary>
    public async Task<Report> ImportSeedAsync(string seed = SeedFiles.Seed000)
    {
        var imported = await CallAsync<ImportReportRequest, ImportReportResponse>(AdminToken, "ValidationService/ImportReport", new ImportReportRequest
        {
            Content = ByteString.CopyFrom(SeedFiles.Bytes(seed)),
            FileName = seed,
        });
        return imported.Report;
    }
}
