using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Proofs.Internal;

/// <summary>The calls the proofs make over and over, typed; everything goes over gRPC with the client's token.</summary>
public static class ProofApi
{
    public static Task<Agency> CreateAgencyAsync(this ProofClient client, string parent, string displayName, AgencyKind kind) =>
        client.CallAsync<CreateAgencyRequest, Agency>("AgencyService", "CreateAgency",
            new CreateAgencyRequest { Parent = parent, Agency = new Agency { DisplayName = displayName, Kind = kind } });

    public static async Task<(User User, string Token)> CreateUserWithTokenAsync(this ProofClient admin, string login, Role role, string agency)
    {
        var user = await admin.CallAsync<CreateUserRequest, User>("IdentityService", "CreateUser",
            new CreateUserRequest { User = new User { Login = login, DisplayName = login, Role = role, Agency = agency } });
        var token = await admin.CreateTokenAsync(user.Name, DateTimeOffset.UtcNow.AddDays(30));
        return (user, token.Secret);
    }

    public static Task<CreateTokenResponse> CreateTokenAsync(this ProofClient admin, string user, DateTimeOffset expires) =>
        admin.CallAsync<CreateTokenRequest, CreateTokenResponse>("IdentityService", "CreateToken",
            new CreateTokenRequest { Parent = user, Token = new Token { DisplayName = "proof", ExpireTime = Timestamp.FromDateTimeOffset(expires) } });

    public static Task<ImportReportResponse> ImportSeedAsync(this ProofClient client, string seed, string? agencyDisplayName = null,
        AgencyKind kind = AgencyKind.Unspecified, string? publicationDate = null)
    {
        var request = new ImportReportRequest { Content = ByteString.CopyFrom(SeedFiles.Bytes(seed)), FileName = seed, AgencyKind = kind };
        if (agencyDisplayName is not null)
        {
            request.AgencyDisplayName = agencyDisplayName;
        }

        if (publicationDate is not null)
        {
            request.PublicationDate = publicationDate;
        }

        return client.CallAsync<ImportReportRequest, ImportReportResponse>("ValidationService", "ImportReport", request);
    }

    public static Task<Report> CreateReportAsync(this ProofClient client, string agency, Report report) =>
        client.CallAsync<CreateReportRequest, Report>("ReportService", "CreateReport", new CreateReportRequest { Parent = agency, Report = report });

    public static Task<Report> GetReportAsync(this ProofClient client, string name) =>
        client.CallAsync<GetReportRequest, Report>("ReportService", "GetReport", new GetReportRequest { Name = name });

    public static Task<Report> UpdateReportAsync(this ProofClient client, Report report, params string[] paths)
    {
        var request = new UpdateReportRequest { Report = report, UpdateMask = new FieldMask() };
        request.UpdateMask.Paths.AddRange(paths);
        return client.CallAsync<UpdateReportRequest, Report>("ReportService", "UpdateReport", request);
    }

    public static Task<ValidationResult> ValidateStoredAsync(this ProofClient client, string name) =>
        client.CallAsync<GetReportValidationRequest, ValidationResult>("ReportService", "GetReportValidation", new GetReportValidationRequest { Name = name });

    /// <summary>Submits with a justification for every WARNING of the stored report's validation.</summary>
    public static async Task<Report> SubmitJustifiedAsync(this ProofClient client, string name, string? etag = null)
    {
        var validation = await client.ValidateStoredAsync(name);
        var request = new SubmitReportRequest { Name = name, Etag = etag ?? string.Empty };
        request.Justifications.AddRange(validation.Findings.Where(f => f.Severity == Severity.Warning).Select(f => new Justification
        {
            FindingKey = f.StableKey,
            Text = "已核实，数据以原始台账为准",
        }));
        return await client.CallAsync<SubmitReportRequest, Report>("ReportService", "SubmitReport", request);
    }

    public static Task<Report> ApproveAsync(this ProofClient client, string name) =>
        client.CallAsync<ApproveReportRequest, Report>("ReportService", "ApproveReport", new ApproveReportRequest { Name = name });

    public static Task<VerifyAuditLogResponse> VerifyAuditAsync(this ProofClient client) =>
        client.CallAsync<VerifyAuditLogRequest, VerifyAuditLogResponse>("AuditService", "VerifyAuditLog", new VerifyAuditLogRequest());

    public static Task<ListReportEventsResponse> ListEventsAsync(this ProofClient client, string name) =>
        client.CallAsync<ListReportEventsRequest, ListReportEventsResponse>("ReportService", "ListReportEvents", new ListReportEventsRequest { Name = name });

    public static Cell CellAt(this Report report, string address) =>
        report.Cells.SingleOrDefault(c => c.Address == address)
        ?? throw new InvalidOperationException($"report {report.Name} has no cell {address}");
}
