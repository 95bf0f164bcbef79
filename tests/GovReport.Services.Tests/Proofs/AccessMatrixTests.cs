using System.Runtime.CompilerServices;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Proofs.Internal;
using Xunit.Abstractions;
using AccessAction = GovReport.Domain.Identity.AccessAction;
using DomainRole = GovReport.Domain.Identity.Role;

namespace GovReport.Services.Tests.Proofs;

/// <summary>
/// Issue 4 "Access matrix": every RPC of the seven services, as clerk, reviewer and admin (all at agency A)
/// against A, an agency below A and an unrelated agency, plus no token and an expired token. The expected
/// answer comes from the domain AccessPolicy; the observed table must equal the one in docs/security.md.
/// </summary>
public sealed class AccessMatrixTests(ProofServerFixture server, ITestOutputHelper output) : IClassFixture<ProofServerFixture>
{
    private const string UpdateDocsVariable = "GOVREPORT_UPDATE_DOCS";

    private static IReadOnlyList<MatrixCase> Cases { get; } = BuildCases();

    [Fact]
    public async Task EveryRpc_EachRoleTargetAndCredential_MatchesAccessPolicyAndDocs()
    {
        var factory = new ProofWorldFactory(server);
        // A token that is valid now and expired once the server's clock moves on by two hours.
        var (expiring, _) = await server.Admin.CreateUserWithTokenAsync("expiring", GovReport.Api.V1.Role.Admin, await factory.RootAgencyAsync());
        var expiredToken = (await server.Admin.CreateTokenAsync(expiring.Name, server.Clock.GetUtcNow().AddHours(1))).Secret;
        server.Clock.Advance(TimeSpan.FromHours(2));

        var observed = new Dictionary<(string, DomainRole, MatrixTarget), AccessOutcome>();
        var anonymous = new Dictionary<(string, string), AccessOutcome>();
        var mismatches = new List<string>();
        var shared = new Dictionary<(DomainRole, ReportNeed), ProofWorld>();
        foreach (var matrixCase in Cases)
        {
            ProofWorld? last = null;
            foreach (var role in AccessMatrixTable.Roles)
            {
                ProofWorld world;
                if (matrixCase.Mutates)
                {
                    world = await factory.CreateAsync(role, matrixCase.Need);
                }
                else if (!shared.TryGetValue((role, matrixCase.Need), out world!))
                {
                    world = await factory.CreateAsync(role, matrixCase.Need);
                    shared[(role, matrixCase.Need)] = world;
                }

                last = world;
                foreach (var target in AccessMatrixTable.Targets)
                {
                    var (outcome, detail) = await RunAsync(matrixCase, new MatrixCall(world.Actor, world, target));
                    observed[(matrixCase.FullName, role, target)] = outcome;
                    var expected = matrixCase.Expected(role, target);
                    if (outcome != expected)
                    {
                        mismatches.Add($"{matrixCase.FullName} as {role} on {target}: expected {expected}, got {outcome} ({detail})");
                    }
                }
            }

            foreach (var (credential, token) in new[] { ("none", (string?)null), ("expired", expiredToken) })
            {
                var (outcome, detail) = await RunAsync(matrixCase, new MatrixCall(server.Client(token), last!, MatrixTarget.Own));
                anonymous[(matrixCase.FullName, credential)] = outcome;
                if (outcome != matrixCase.Anonymous)
                {
                    mismatches.Add($"{matrixCase.FullName} with {credential} token: expected {matrixCase.Anonymous}, got {outcome} ({detail})");
                }
            }
        }

        var table = AccessMatrixTable.Render(Cases, observed, anonymous);
        output.WriteLine(table);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} calls disagree with AccessPolicy:\n" + string.Join("\n", mismatches));
        AssertDocumented(table);
    }

    [Fact]
    public async Task ExpiredAndRevokedTokens_Unauthenticated_WithReason()
    {
        var factory = new ProofWorldFactory(server);
        var root = await factory.RootAgencyAsync();
        var (user, token) = await server.Admin.CreateUserWithTokenAsync("revoked", GovReport.Api.V1.Role.Reviewer, root);
        var client = server.Client(token);
        Assert.Equal(user.Name, (await client.CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest())).Name);
        var issued = await server.Admin.CreateTokenAsync(user.Name, server.Clock.GetUtcNow().AddDays(1));
        await server.Admin.CallAsync<RevokeTokenRequest, Token>("IdentityService", "RevokeToken", new RevokeTokenRequest { Name = issued.Token.Name });

        var revoked = await Assert.ThrowsAsync<RpcException>(() => server.Client(issued.Secret)
            .CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest()));
        var missing = await Assert.ThrowsAsync<RpcException>(() => server.Client(null)
            .CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest()));
        var invalid = await Assert.ThrowsAsync<RpcException>(() => server.Client("grt_not-a-real-token")
            .CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest()));

        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_REVOKED"), (revoked.Status.StatusCode, revoked.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_MISSING"), (missing.Status.StatusCode, missing.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
        Assert.Equal((StatusCode.Unauthenticated, "TOKEN_INVALID"), (invalid.Status.StatusCode, invalid.GetDetail<Google.Rpc.ErrorInfo>()?.Type));
    }

    private static async Task<(AccessOutcome Outcome, string Detail)> RunAsync(MatrixCase matrixCase, MatrixCall call)
    {
        try
        {
            await matrixCase.Call(call);
            return (AccessOutcome.Allowed, "OK");
        }
        catch (FilteredOutException e)
        {
            return (AccessOutcome.Filtered, e.Message);
        }
        catch (RpcException e) when (e.Status.StatusCode == StatusCode.PermissionDenied)
        {
            return (AccessOutcome.Denied, e.Status.Detail);
        }
        catch (RpcException e) when (e.Status.StatusCode == StatusCode.Unauthenticated)
        {
            return (AccessOutcome.Unauthenticated, e.Status.Detail);
        }
        catch (RpcException e) when (e.Status.StatusCode is StatusCode.FailedPrecondition or StatusCode.Aborted or StatusCode.AlreadyExists
            or StatusCode.InvalidArgument)
        {
            // Past the access check: refused for the report's state, a stale etag or an argument.
            return (AccessOutcome.Allowed, $"{e.Status.StatusCode}: {e.Status.Detail}");
        }
        catch (RpcException e)
        {
            // Anything else (NOT_FOUND, INTERNAL, …) is no access decision: reported as a mismatch with its status.
            return (AccessOutcome.Failed, $"{e.Status.StatusCode}: {e.Status.Detail}");
        }
    }

    private static void AssertDocumented(string table)
    {
        var path = Path.Combine(RepoRoot(), "docs", "security.md");
        var document = File.Exists(path) ? File.ReadAllText(path) : string.Empty;
        var begin = document.IndexOf(AccessMatrixTable.Begin, StringComparison.Ordinal);
        var end = document.IndexOf(AccessMatrixTable.End, StringComparison.Ordinal);
        Assert.True(begin >= 0 && end > begin, $"{path} has no access-matrix section ({AccessMatrixTable.Begin} … {AccessMatrixTable.End})");
        var current = document[begin..(end + AccessMatrixTable.End.Length)] + Environment.NewLine;
        if (current == table)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable(UpdateDocsVariable) == "1")
        {
            File.WriteAllText(path, document[..begin] + table + document[(end + AccessMatrixTable.End.Length + Environment.NewLine.Length)..]);
            return;
        }

        Assert.Fail($"docs/security.md's access matrix differs from the server's behaviour; rerun with {UpdateDocsVariable}=1 and commit.\nComputed:\n{table}");
    }

    private static string RepoRoot([CallerFilePath] string source = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(source)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GovReportGrpc.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root (GovReportGrpc.sln) not found above " + source);
    }

    /// <summary>The user whose tokens a token case manages: the caller itself for "own", else a new user of that agency.</summary>
    private static async Task<string> TokenOwnerAsync(MatrixCall c)
    {
        if (c.Target == MatrixTarget.Own)
        {
            return c.World.ActorUser.Name;
        }

        var (user, _) = await c.World.Admin.CreateUserWithTokenAsync("t" + Guid.NewGuid().ToString("N")[..12], GovReport.Api.V1.Role.Clerk, c.Agency);
        return user.Name;
    }

    private static List<MatrixCase> BuildCases()
    {
        const string Reports = "ReportService";
        var cases = new List<MatrixCase>
        {
            new(Reports, "CreateReport", AccessAction.Create, ReportNeed.None, true, c => c.Caller.CreateReportAsync(c.Agency, c.World.Seed.Clone())),
            new(Reports, "GetReport", AccessAction.Read, ReportNeed.Draft, false, c => c.Caller.GetReportAsync(c.Report)),
            new(Reports, "ListReports", AccessAction.Read, ReportNeed.Draft, false, async c =>
            {
                var listed = await c.Caller.CallAsync<ListReportsRequest, ListReportsResponse>(Reports, "ListReports",
                    new ListReportsRequest { Parent = c.Agency, Year = ProofWorldFactory.Year });
                if (listed.Reports.All(r => r.Name != c.Report))
                {
                    // Nothing of the target may leak either: no item and no count.
                    Assert.Empty(listed.Reports);
                    Assert.Equal(0, listed.TotalSize);
                    throw new FilteredOutException($"ListReports({c.Agency}) answered OK without the agency's report");
                }
            }) { RefusedAs = AccessOutcome.Filtered },
            new(Reports, "UpdateReport", AccessAction.Update, ReportNeed.Draft, true, async c =>
            {
                // The etag is read by the admin: a denied caller must be refused for access, not for a missing etag.
                var current = await c.World.Admin.GetReportAsync(c.Report);
                await c.Caller.UpdateReportAsync(new Report { Name = c.Report, Etag = current.Etag, PublicationDate = "2020-01-21" }, "publication_date");
            }),
            new(Reports, "DeleteReport", AccessAction.Delete, ReportNeed.Draft, true, c =>
                c.Caller.CallAsync<DeleteReportRequest, Empty>(Reports, "DeleteReport", new DeleteReportRequest { Name = c.Report })),
            new(Reports, "SubmitReport", AccessAction.Submit, ReportNeed.Draft, true, c =>
            {
                var request = new SubmitReportRequest { Name = c.Report };
                request.Justifications.AddRange(c.World.Justifications[c.Target]);
                return c.Caller.CallAsync<SubmitReportRequest, Report>(Reports, "SubmitReport", request);
            }),
            new(Reports, "ApproveReport", AccessAction.Approve, ReportNeed.Submitted, true, c => c.Caller.ApproveAsync(c.Report)),
            new(Reports, "ReturnReport", AccessAction.Return, ReportNeed.Submitted, true, c =>
                c.Caller.CallAsync<ReturnReportRequest, Report>(Reports, "ReturnReport", new ReturnReportRequest { Name = c.Report, Reason = "请核对表三" })),
            new(Reports, "ReopenReport", AccessAction.Reopen, ReportNeed.Approved, true, c =>
                c.Caller.CallAsync<ReopenReportRequest, Report>(Reports, "ReopenReport", new ReopenReportRequest { Name = c.Report, Reason = "需更正" })),
            new(Reports, "ListReportRevisions", AccessAction.Read, ReportNeed.Draft, false, c =>
                c.Caller.CallAsync<ListReportRevisionsRequest, ListReportRevisionsResponse>(Reports, "ListReportRevisions", new ListReportRevisionsRequest { Name = c.Report })),
            new(Reports, "CompareReportRevisions", AccessAction.Read, ReportNeed.Draft, false, c =>
                c.Caller.CallAsync<CompareReportRevisionsRequest, CompareReportRevisionsResponse>(Reports, "CompareReportRevisions",
                    new CompareReportRevisionsRequest { Name = c.Report, FromRevision = 1, ToRevision = 1 })),
            new(Reports, "ListReportEvents", AccessAction.Read, ReportNeed.Draft, false, c => c.Caller.ListEventsAsync(c.Report)),
            new(Reports, "CreateComment", AccessAction.Comment, ReportNeed.Draft, false, c =>
                c.Caller.CallAsync<CreateCommentRequest, Comment>(Reports, "CreateComment",
                    new CreateCommentRequest { Parent = c.Report, Comment = new Comment { Text = "请核对", CellAddress = "applications.new_received.total" } })),
            new(Reports, "ListComments", AccessAction.Read, ReportNeed.Draft, false, c =>
                c.Caller.CallAsync<ListCommentsRequest, ListCommentsResponse>(Reports, "ListComments", new ListCommentsRequest { Parent = c.Report })),
            new(Reports, "GetReportValidation", AccessAction.Read, ReportNeed.Draft, false, c => c.Caller.ValidateStoredAsync(c.Report)),
            new(Reports, "RollUpApplications", AccessAction.Read, ReportNeed.Draft, false, c =>
                c.Caller.CallAsync<RollUpApplicationsRequest, RollUpApplicationsResponse>(Reports, "RollUpApplications",
                    new RollUpApplicationsRequest { Parent = c.Agency, Year = ProofWorldFactory.Year })),

            new("AgencyService", "CreateAgency", AccessAction.ManageAgencies, ReportNeed.None, false, c =>
                c.Caller.CreateAgencyAsync(c.Agency, "新设机关", AgencyKind.Department)),
            new("AgencyService", "GetAgency", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<GetAgencyRequest, Agency>("AgencyService", "GetAgency", new GetAgencyRequest { Name = c.Agency })),
            new("AgencyService", "ListAgencies", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ListAgenciesRequest, ListAgenciesResponse>("AgencyService", "ListAgencies", new ListAgenciesRequest { Parent = c.Agency })),

            new("IdentityService", "CreateUser", AccessAction.ManageUsers, ReportNeed.None, false, c =>
                c.Caller.CallAsync<CreateUserRequest, User>("IdentityService", "CreateUser", new CreateUserRequest
                {
                    User = new User { Login = "u" + Guid.NewGuid().ToString("N")[..12], DisplayName = "新用户", Role = GovReport.Api.V1.Role.Clerk, Agency = c.Agency },
                })),
            new("IdentityService", "ListUsers", AccessAction.ManageUsers, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ListUsersRequest, ListUsersResponse>("IdentityService", "ListUsers", new ListUsersRequest())),
            new("IdentityService", "GetCurrentUser", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest())),
            new("IdentityService", "CreateToken", AccessAction.ManageTokens, ReportNeed.None, false, async c =>
                await c.Caller.CreateTokenAsync(await TokenOwnerAsync(c), DateTimeOffset.UtcNow.AddDays(7)))
            {
                OwnAlwaysAllowed = true,
                TargetNote = "own = the caller's own user; below/other = a user of that agency",
            },
            new("IdentityService", "RevokeToken", AccessAction.ManageTokens, ReportNeed.None, false, async c =>
            {
                var spare = await c.World.Admin.CreateTokenAsync(await TokenOwnerAsync(c), DateTimeOffset.UtcNow.AddDays(7));
                await c.Caller.CallAsync<RevokeTokenRequest, Token>("IdentityService", "RevokeToken", new RevokeTokenRequest { Name = spare.Token.Name });
            })
            {
                OwnAlwaysAllowed = true,
                TargetNote = "own = a token of the caller's own user; below/other = of a user of that agency",
            },

            new("AuditService", "VerifyAuditLog", AccessAction.VerifyAudit, ReportNeed.None, false, c => c.Caller.VerifyAuditAsync()),
            new("AuditService", "ListAuditEntries", AccessAction.VerifyAudit, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ListAuditEntriesRequest, ListAuditEntriesResponse>("AuditService", "ListAuditEntries", new ListAuditEntriesRequest { PageSize = 5 })),

            new("AdminService", "BackupDatabase", AccessAction.Backup, ReportNeed.None, false, c =>
                c.Caller.CallAsync<BackupDatabaseRequest, BackupDatabaseResponse>("AdminService", "BackupDatabase", new BackupDatabaseRequest())),

            new("TemplateService", "ListTemplates", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ListTemplatesRequest, ListTemplatesResponse>("TemplateService", "ListTemplates", new ListTemplatesRequest())),
            new("TemplateService", "GetTemplate", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<GetTemplateRequest, ReportTemplate>("TemplateService", "GetTemplate", new GetTemplateRequest { Name = "templates/2021" })),

            new("ValidationService", "ValidateReport", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ValidateReportRequest, ValidationResult>("ValidationService", "ValidateReport",
                    new ValidateReportRequest { Report = new Report { ReportYear = 2021, Template = Template._2021, AgencyDisplayName = "某局" } })),
            new("ValidationService", "ListRules", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ListRulesRequest, ListRulesResponse>("ValidationService", "ListRules", new ListRulesRequest())),
            new("ValidationService", "ImportReport", null, ReportNeed.None, false, c =>
                c.Caller.CallAsync<ImportReportRequest, ImportReportResponse>("ValidationService", "ImportReport",
                    new ImportReportRequest { Content = ByteString.CopyFromUtf8("2021年政府信息公开工作年度报告\n"), FileName = "r.txt" })),
        };
        return cases;
    }
}
