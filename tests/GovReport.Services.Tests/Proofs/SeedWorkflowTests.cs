using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;
using GovReport.Services.Tests.Proofs.Internal;
using ApiRole = GovReport.Api.V1.Role;

namespace GovReport.Services.Tests.Proofs;

/// <summary>
/// Issue 4 "The seeds end to end", over gRPC as clients would do it: the agency tree, a clerk per agency and a
/// reviewer at each parent, every seed imported and stored for its agency, submissions (000 and 002 refused with
/// their findings listed), 002 fixed and resubmitted, 004 returned with a comment on the procurement amount,
/// fixed and approved; the history shows every step and the audit chain verifies.
/// </summary>
public sealed class SeedWorkflowTests(ProofServerFixture server) : IClassFixture<ProofServerFixture>
{
    private const string ProcurementAmount = "active_disclosure.art20_9.procurement.amount";

    [Fact]
    public async Task Seeds_ImportSubmitReturnFixApprove_HistoryCompleteAndAuditVerifies()
    {
        var admin = server.Admin;
        var root = await new ProofWorldFactory(server).RootAgencyAsync();

        // 宁波市 → 北仑区 → 北仑区人民政府办公室; 宁波市 → 宁波市人民政府办公厅, 宁波市某局; 宁波市 → 余姚市 → 朗霞街道办事处;
        // 重庆市 → 北碚区 → 北碚区人民政府办公室.
        var ningbo = await admin.CreateAgencyAsync(root, "宁波市", AgencyKind.Government);
        var beilun = await admin.CreateAgencyAsync(ningbo.Name, "北仑区", AgencyKind.Government);
        var beilunOffice = await admin.CreateAgencyAsync(beilun.Name, "北仑区人民政府办公室", AgencyKind.Department);
        var ningboOffice = await admin.CreateAgencyAsync(ningbo.Name, "宁波市人民政府办公厅", AgencyKind.Department);
        var ningboBureau = await admin.CreateAgencyAsync(ningbo.Name, "宁波市某局", AgencyKind.Department);
        var yuyao = await admin.CreateAgencyAsync(ningbo.Name, "余姚市", AgencyKind.Government);
        var langxia = await admin.CreateAgencyAsync(yuyao.Name, "余姚市人民政府朗霞街道办事处", AgencyKind.Township);
        var chongqing = await admin.CreateAgencyAsync(root, "重庆市", AgencyKind.Government);
        var beibei = await admin.CreateAgencyAsync(chongqing.Name, "北碚区", AgencyKind.Government);
        var beibeiOffice = await admin.CreateAgencyAsync(beibei.Name, "重庆市北碚区人民政府办公室", AgencyKind.Department);
        Assert.Equal((ningbo.Depth + 2, yuyao.Name), (langxia.Depth, langxia.Parent));

        var seeds = new (string Seed, Agency Agency, Agency Parent, string? Name, string? Date)[]
        {
            (SeedFiles.Seed000, beilunOffice, beilun, null, null),
            (SeedFiles.Seed001, ningboBureau, ningbo, "宁波市某局", "2020-01-20"),
            (SeedFiles.Seed002, beibeiOffice, beibei, null, null),
            (SeedFiles.Seed003, ningboOffice, ningbo, null, null),
            (SeedFiles.Seed004, langxia, yuyao, null, null),
        };
        var clerks = new Dictionary<string, ProofClient>();
        var reviewers = new Dictionary<string, ProofClient>();
        var reports = new Dictionary<string, Report>();
        foreach (var (seed, agency, parent, name, date) in seeds)
        {
            var (_, clerkToken) = await admin.CreateUserWithTokenAsync("clerk-" + seed[..3], ApiRole.Clerk, agency.Name);
            clerks[seed] = server.Client(clerkToken);
            if (!reviewers.ContainsKey(parent.Name))
            {
                var (_, reviewerToken) = await admin.CreateUserWithTokenAsync("reviewer-" + parent.Name.Replace('/', '-'), ApiRole.Reviewer, parent.Name);
                reviewers[parent.Name] = server.Client(reviewerToken);
            }

            var imported = await clerks[seed].ImportSeedAsync(seed, name, publicationDate: date);
            var stored = await clerks[seed].CreateReportAsync(agency.Name, imported.Report);
            Assert.Equal(Report.Types.State.Draft, stored.State);
            Assert.Equal(agency.Name, stored.Agency);
            reports[seed] = stored;
        }

        // 000: the balance of table 三 is broken in two columns; 002: （七）总计 wrong in two columns (and the date).
        var refused000 = await SubmitRefusedAsync(clerks[SeedFiles.Seed000], reports[SeedFiles.Seed000]);
        Assert.Equal(2, refused000.Count(v => v.Description.StartsWith("V01", StringComparison.Ordinal)));
        var refused002 = await SubmitRefusedAsync(clerks[SeedFiles.Seed002], reports[SeedFiles.Seed002]);
        Assert.Equal(2, refused002.Count(v => v.Description.StartsWith("V03", StringComparison.Ordinal)));

        foreach (var seed in new[] { SeedFiles.Seed001, SeedFiles.Seed003, SeedFiles.Seed004 })
        {
            var submitted = await clerks[seed].SubmitJustifiedAsync(reports[seed].Name);
            Assert.Equal(Report.Types.State.Submitted, submitted.State);
        }

        // 002: the clerk corrects （七）总计 (自然人 18 → 17, 商业企业 0 → 1) and resubmits.
        var clerk002 = clerks[SeedFiles.Seed002];
        var report002 = await clerk002.GetReportAsync(reports[SeedFiles.Seed002].Name);
        SetCell(report002, "applications.results_total.natural_person", "17");
        SetCell(report002, "applications.results_total.commercial", "1");
        report002 = await clerk002.UpdateReportAsync(report002, "cells");
        var stillOpen = (await clerk002.ValidateStoredAsync(report002.Name)).Findings.Where(f => f.Severity == Severity.Error).ToList();
        Assert.DoesNotContain(stillOpen, f => f.RuleId is "V01" or "V03");
        if (stillOpen.Count > 0)
        {
            // What is left is the signing date 2020年1月25日, before the 2020 reporting period ended (V12): a typo for 2021.
            Assert.All(stillOpen, f => Assert.Equal("V12", f.RuleId));
            report002.PublicationDate = "2021-01-25";
            report002 = await clerk002.UpdateReportAsync(report002, "publication_date");
        }

        report002 = await clerk002.SubmitJustifiedAsync(report002.Name, report002.Etag);
        Assert.Equal(Report.Types.State.Submitted, report002.State);
        Assert.Equal(Report.Types.State.Approved, (await reviewers[beibei.Name].ApproveAsync(report002.Name)).State);

        // 004: the reviewer at 余姚市 returns it, pointing at the procurement amount (165950.2 without its unit).
        var reviewer004 = reviewers[yuyao.Name];
        var clerk004 = clerks[SeedFiles.Seed004];
        var name004 = reports[SeedFiles.Seed004].Name;
        var comment = await reviewer004.CallAsync<CreateCommentRequest, Comment>("ReportService", "CreateComment", new CreateCommentRequest
        {
            Parent = name004,
            Comment = new Comment { Text = "政府集中采购金额165950.2未注明单位，按万元计为16.6亿元，请核实", CellAddress = ProcurementAmount },
        });
        var returnRequest = new ReturnReportRequest { Name = name004, Reason = "政府集中采购金额缺少单位，请核实后重新提交" };
        returnRequest.CellAddresses.Add(ProcurementAmount);
        var returned = await reviewer004.CallAsync<ReturnReportRequest, Report>("ReportService", "ReturnReport", returnRequest);
        Assert.Equal(Report.Types.State.Returned, returned.State);
        var comments = await clerk004.CallAsync<ListCommentsRequest, ListCommentsResponse>("ReportService", "ListComments", new ListCommentsRequest { Parent = name004 });
        Assert.Contains(comments.Comments, c => c.Name == comment.Name && c.CellAddress == ProcurementAmount);

        // The clerk adds the unit: the amount was in 元 (16.6万元, plausible for a street office).
        var report004 = await clerk004.GetReportAsync(name004);
        var amount = report004.CellAt(ProcurementAmount);
        Assert.Equal(("165950.2", ""), (amount.Value, amount.Unit));
        amount.Unit = "元";
        report004 = await clerk004.UpdateReportAsync(report004, "cells");
        Assert.Equal("元", (await clerk004.GetReportAsync(name004)).CellAt(ProcurementAmount).Unit);
        report004 = await clerk004.SubmitJustifiedAsync(name004, report004.Etag);
        Assert.Equal(Report.Types.State.Submitted, report004.State);
        report004 = await reviewer004.ApproveAsync(name004);
        Assert.Equal(Report.Types.State.Approved, report004.State);

        // An approved report is read-only, also for its clerk.
        var readOnly = await Assert.ThrowsAsync<RpcException>(() => clerk004.UpdateReportAsync(report004, "publication_date"));
        Assert.Equal(StatusCode.FailedPrecondition, readOnly.Status.StatusCode);

        var events = (await clerk004.ListEventsAsync(name004)).Events;
        var transitions = events.Where(e => e.Action != "commented").Select(e => e.Action).ToList();
        Assert.Equal(["created", "submitted", "returned", "updated", "submitted", "approved"], transitions);
        var returnEvent = events.Single(e => e.Action == "returned");
        Assert.Equal((Report.Types.State.Submitted, Report.Types.State.Returned), (returnEvent.FromState, returnEvent.ToState));
        Assert.Contains(ProcurementAmount, returnEvent.CellAddresses);
        Assert.Contains("单位", returnEvent.Reason, StringComparison.Ordinal);
        Assert.Equal((Report.Types.State.Submitted, Report.Types.State.Approved), (events[^1].FromState, events[^1].ToState));

        var events002 = (await clerk002.ListEventsAsync(report002.Name)).Events.Select(e => e.Action).ToList();
        Assert.Equal("created", events002[0]);
        Assert.Equal(["submitted", "approved"], events002.Where(a => a is "submitted" or "approved"));

        var audit = await admin.VerifyAuditAsync();
        Assert.True(audit.Ok, audit.Message);
        Assert.True(audit.EntryCount > 30, $"audit has only {audit.EntryCount} entries");
    }

    private static async Task<IReadOnlyList<Google.Rpc.PreconditionFailure.Types.Violation>> SubmitRefusedAsync(ProofClient clerk, Report report)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => clerk.SubmitJustifiedAsync(report.Name));
        Assert.Equal(StatusCode.FailedPrecondition, error.Status.StatusCode);
        var failure = error.GetDetail<Google.Rpc.PreconditionFailure>();
        Assert.NotNull(failure);
        Assert.Contains(failure.Violations, v => v.Type == "FINDING_OPEN");
        Assert.Equal(Report.Types.State.Draft, (await clerk.GetReportAsync(report.Name)).State);
        return [.. failure.Violations.Where(v => v.Type == "FINDING_OPEN")];
    }

    private static void SetCell(Report report, string address, string value)
    {
        var cell = report.CellAt(address);
        cell.Present = true;
        cell.Value = value;
        cell.OriginalText = value;
    }
}
