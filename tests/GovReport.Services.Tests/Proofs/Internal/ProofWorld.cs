using System.Globalization;
using GovReport.Api.V1;
using GovReport.Services.Tests.Infrastructure;
using ApiRole = GovReport.Api.V1.Role;

namespace GovReport.Services.Tests.Proofs.Internal;

/// <summary>
/// Three agencies made for one matrix run: A (under the root), B (below A) and U (under the root, unrelated
/// to A); one actor at A; optionally a report of 2019 in each agency, brought into the state the case needs.
/// </summary>
public sealed class ProofWorld
{
    public required string Own { get; init; }

    public required string Descendant { get; init; }

    public required string Unrelated { get; init; }

    public required ProofClient Actor { get; init; }

    public required ProofClient Admin { get; init; }

    /// <summary>Seed 003 as imported (not stored): the content every world's reports start from.</summary>
    public required Report Seed { get; init; }

    public required User ActorUser { get; init; }

    public required string ActorToken { get; init; }

    public Dictionary<MatrixTarget, string> Reports { get; } = [];

    /// <summary>Justifications of each report's warnings, so a submit needs no extra call by the actor.</summary>
    public Dictionary<MatrixTarget, Justification[]> Justifications { get; } = [];

    public string Agency(MatrixTarget target) => target switch
    {
        MatrixTarget.Own => Own,
        MatrixTarget.Descendant => Descendant,
        _ => Unrelated,
    };
}

/// <summary>Creates worlds through the admin's gRPC calls (and a reviewer at the root who approves for the admin).</summary>
public sealed class ProofWorldFactory(ProofServerFixture server)
{
    private int sequence;
    private Report? seedReport;
    private ProofClient? rootReviewer;

    public const int Year = 2019;

    public async Task<ProofWorld> CreateAsync(Domain.Identity.Role role, ReportNeed need)
    {
        var admin = server.Admin;
        var n = Interlocked.Increment(ref sequence).ToString(CultureInfo.InvariantCulture);
        var root = await RootAgencyAsync();
        var own = await admin.CreateAgencyAsync(root, "甲市" + n, AgencyKind.Government);
        var below = await admin.CreateAgencyAsync(own.Name, "甲市乙区" + n, AgencyKind.Government);
        var other = await admin.CreateAgencyAsync(root, "丙市" + n, AgencyKind.Government);
        var apiRole = role switch
        {
            Domain.Identity.Role.Clerk => ApiRole.Clerk,
            Domain.Identity.Role.Reviewer => ApiRole.Reviewer,
            _ => ApiRole.Admin,
        };
        var (user, token) = await admin.CreateUserWithTokenAsync($"{AccessMatrixTable.RoleName(role)}{n}", apiRole, own.Name);
        var world = new ProofWorld
        {
            Own = own.Name,
            Descendant = below.Name,
            Unrelated = other.Name,
            Actor = server.Client(token),
            Admin = admin,
            Seed = await SeedReportAsync(),
            ActorUser = user,
            ActorToken = token,
        };
        if (need == ReportNeed.None)
        {
            return world;
        }

        foreach (var target in AccessMatrixTable.Targets)
        {
            var report = await admin.CreateReportAsync(world.Agency(target), await SeedReportAsync());
            world.Reports[target] = report.Name;
            var validation = await admin.ValidateStoredAsync(report.Name);
            world.Justifications[target] = [.. validation.Findings.Where(f => f.Severity == Severity.Warning)
                .Select(f => new Justification { FindingKey = f.StableKey, Text = "已核实" })];
            if (need >= ReportNeed.Submitted)
            {
                await admin.SubmitJustifiedAsync(report.Name);
            }

            if (need >= ReportNeed.Approved)
            {
                await (await RootReviewerAsync()).ApproveAsync(report.Name);
            }
        }

        return world;
    }

    public async Task<string> RootAgencyAsync()
    {
        var me = await server.Admin.CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest());
        return me.Agency;
    }

    /// <summary>Seed 003 (no arithmetic errors; warnings only), imported once.</summary>
    public async Task<Report> SeedReportAsync()
    {
        if (seedReport is null)
        {
            var imported = await server.Admin.ImportSeedAsync(SeedFiles.Seed003, publicationDate: "2020-01-20");
            seedReport = imported.Report;
        }

        return seedReport.Clone();
    }

    private async Task<ProofClient> RootReviewerAsync()
    {
        if (rootReviewer is null)
        {
            var (_, token) = await server.Admin.CreateUserWithTokenAsync("root-reviewer", ApiRole.Reviewer, await RootAgencyAsync());
            rootReviewer = server.Client(token);
        }

        return rootReviewer;
    }
}
