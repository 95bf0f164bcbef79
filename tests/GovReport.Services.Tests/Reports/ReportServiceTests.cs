using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Identity;

namespace GovReport.Services.Tests.Reports;

/// <summary>ReportService over gRPC on the real server: each test works in its own office (agency) under the shared district.</summary>
public sealed partial class ReportServiceTests(AuthenticatedServer server) : IClassFixture<AuthenticatedServer>
{
    [Fact]
    public async Task CreateReport_Seed000_StoredAsDraftWithCountsAndActions()
    {
        var office = await NewOfficeAsync("create");
        var seed = await server.ImportSeedAsync();

        var created = await CreateAsync(office.Token, office.Agency, seed);
        var fetched = await GetAsync(office.Token, created.Name);

        Assert.Equal(office.Agency.Name + "/reports/2019", created.Name);
        Assert.Equal(office.Agency.Name, fetched.Agency);
        Assert.Equal(Report.Types.State.Draft, fetched.State);
        Assert.Equal(1, fetched.Revision);
        Assert.Equal(created.Etag, fetched.Etag);
        Assert.True(fetched.ErrorCount > 0);
        Assert.Equal(seed.Cells.Where(c => c.Present).Select(c => (c.Address, c.Value)), fetched.Cells.Where(c => c.Present).Select(c => (c.Address, c.Value)));
        Assert.Equal(["update", "submit", "delete", "comment"], fetched.AllowedActions);
    }

    [Fact]
    public async Task CreateReport_SameYearTwice_AlreadyExists()
    {
        var office = await NewOfficeAsync("twice");
        var seed = await server.ImportSeedAsync();
        await CreateAsync(office.Token, office.Agency, seed);

        var error = await Assert.ThrowsAsync<RpcException>(() => CreateAsync(office.Token, office.Agency, seed));

        Assert.Equal(StatusCode.AlreadyExists, error.Status.StatusCode);
    }

    [Fact]
    public async Task GetReport_OtherAgencysClerk_PermissionDenied()
    {
        var owner = await NewOfficeAsync("owner");
        var other = await NewOfficeAsync("other");
        var created = await CreateAsync(owner.Token, owner.Agency, await server.ImportSeedAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() => GetAsync(other.Token, created.Name));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
        Assert.Equal("ACCESS_DENIED", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task DeleteReport_Draft_GoneAfterwards()
    {
        var office = await NewOfficeAsync("delete");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());

        await server.CallAsync<DeleteReportRequest, Empty>(office.Token, "ReportService/DeleteReport",
            new DeleteReportRequest { Name = created.Name, Etag = created.Etag });
        var error = await Assert.ThrowsAsync<RpcException>(() => GetAsync(office.Token, created.Name));

        Assert.Equal(StatusCode.NotFound, error.Status.StatusCode);
    }

    [Fact]
    public async Task UpdateReport_StaleEtag_Aborted()
    {
        var office = await NewOfficeAsync("stale");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());
        var first = await UpdateAsync(office.Token, new Report { Name = created.Name, Etag = created.Etag, PublicationDate = "2020-01-20" }, "publication_date");

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            UpdateAsync(office.Token, new Report { Name = created.Name, Etag = created.Etag, PublicationDate = "2020-01-21" }, "publication_date"));

        Assert.Equal(2, first.Revision);
        Assert.Equal("2020-01-20", first.PublicationDate);
        Assert.NotEqual(created.Etag, first.Etag);
        Assert.Equal(StatusCode.Aborted, error.Status.StatusCode);
        Assert.Equal("ETAG_MISMATCH", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task UpdateReport_UnknownMaskPath_InvalidArgument()
    {
        var office = await NewOfficeAsync("mask");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            UpdateAsync(office.Token, new Report { Name = created.Name, Etag = created.Etag, ReportYear = 2020 }, "report_year"));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Contains(error.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "update_mask.paths");
    }

    [Fact]
    public async Task SubmitReport_WithErrorFindings_FailedPreconditionListsEachOpenFinding()
    {
        var office = await NewOfficeAsync("errors");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());
        var validation = await server.CallAsync<GetReportValidationRequest, ValidationResult>(office.Token, "ReportService/GetReportValidation",
            new GetReportValidationRequest { Name = created.Name });

        var error = await Assert.ThrowsAsync<RpcException>(() => SubmitAsync(office.Token, created));

        Assert.Equal(StatusCode.FailedPrecondition, error.Status.StatusCode);
        Assert.Equal("REPORT_HAS_ERRORS", error.GetDetail<ErrorInfo>()?.Type);
        var open = error.GetDetail<PreconditionFailure>()!.Violations.Where(v => v.Type == "FINDING_OPEN").ToList();
        var errorKeys = validation.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.StableKey).Distinct().Order().ToList();
        Assert.NotEmpty(errorKeys);
        Assert.Equal(errorKeys, open.Select(v => v.Subject).Order());
        Assert.All(open, v => Assert.False(string.IsNullOrWhiteSpace(v.Description)));
    }

    [Fact]
    public async Task Workflow_SubmitReturnResubmitApprove_StatesAndEventsRecorded()
    {
        var office = await NewOfficeAsync("workflow");
        var created = await CreateAsync(office.Token, office.Agency, await CleanReportAsync());
        var submitted = await SubmitAsync(office.Token, created);
        var noReason = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ReturnReportRequest, Report>(server.ReviewerToken, "ReportService/ReturnReport",
                new ReturnReportRequest { Name = created.Name, Etag = submitted.Etag }));
        var returned = await server.CallAsync<ReturnReportRequest, Report>(server.ReviewerToken, "ReportService/ReturnReport",
            new ReturnReportRequest { Name = created.Name, Etag = submitted.Etag, Reason = "请核对第三部分数据", CellAddresses = { "applications.new_received.total" } });
        var resubmitted = await SubmitAsync(office.Token, returned);
        var approved = await server.CallAsync<ApproveReportRequest, Report>(server.ReviewerToken, "ReportService/ApproveReport",
            new ApproveReportRequest { Name = created.Name, Etag = resubmitted.Etag });
        var events = await server.CallAsync<ListReportEventsRequest, ListReportEventsResponse>(server.ReviewerToken, "ReportService/ListReportEvents",
            new ListReportEventsRequest { Name = created.Name });

        Assert.Equal(Report.Types.State.Submitted, submitted.State);
        Assert.Equal(StatusCode.FailedPrecondition, noReason.Status.StatusCode);
        Assert.Equal("REASON_REQUIRED", noReason.GetDetail<ErrorInfo>()?.Type);
        Assert.Equal(Report.Types.State.Returned, returned.State);
        Assert.Equal(Report.Types.State.Approved, approved.State);
        // Reopening is for an admin or a reviewer above the approver's agency, not for the approver's own level.
        Assert.DoesNotContain("reopen", approved.AllowedActions);
        Assert.Contains("reopen", (await GetAsync(server.AdminToken, created.Name)).AllowedActions);
        Assert.Equal(["created", "submitted", "returned", "submitted", "approved"], events.Events.Select(e => e.Action));
        Assert.Equal("请核对第三部分数据", events.Events[2].Reason);
        Assert.Equal(server.Reviewer.Name, events.Events[4].Actor);
    }

    [Fact]
    public async Task ApproveReport_BySubmitter_RefusedForSeparationOfDuties()
    {
        var office = await NewOfficeAsync("duties");
        var created = await CreateAsync(server.AdminToken, office.Agency, await CleanReportAsync());
        var submitted = await SubmitAsync(server.AdminToken, created);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ApproveReportRequest, Report>(server.AdminToken, "ReportService/ApproveReport",
                new ApproveReportRequest { Name = created.Name, Etag = submitted.Etag }));

        Assert.DoesNotContain("approve", submitted.AllowedActions);
        Assert.Equal(StatusCode.FailedPrecondition, error.Status.StatusCode);
        Assert.Equal("SEPARATION_OF_DUTIES", error.GetDetail<ErrorInfo>()?.Type);
        Assert.Contains(error.GetDetail<PreconditionFailure>()!.Violations, v => v.Type == "STATE");
    }

    [Fact]
    public async Task ApproveReport_Clerk_PermissionDenied()
    {
        var office = await NewOfficeAsync("clerk-approve");
        var created = await CreateAsync(office.Token, office.Agency, await CleanReportAsync());
        var submitted = await SubmitAsync(office.Token, created);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ApproveReportRequest, Report>(office.Token, "ReportService/ApproveReport",
                new ApproveReportRequest { Name = created.Name, Etag = submitted.Etag }));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
    }

    [Fact]
    public async Task CreateComment_WithReply_ListedInOrder()
    {
        var office = await NewOfficeAsync("comments");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());
        var first = await server.CallAsync<CreateCommentRequest, Comment>(server.ReviewerToken, "ReportService/CreateComment", new CreateCommentRequest
        {
            Parent = created.Name,
            Comment = new Comment { Text = "这个数字对吗？", CellAddress = "applications.new_received.natural_person" },
        });
        await server.CallAsync<CreateCommentRequest, Comment>(office.Token, "ReportService/CreateComment", new CreateCommentRequest
        {
            Parent = created.Name,
            Comment = new Comment { Text = "已核对", ReplyTo = first.Name },
        });

        var comments = await server.CallAsync<ListCommentsRequest, ListCommentsResponse>(office.Token, "ReportService/ListComments",
            new ListCommentsRequest { Parent = created.Name });

        Assert.Equal(["这个数字对吗？", "已核对"], comments.Comments.Select(c => c.Text));
        Assert.Equal(first.Name, comments.Comments[1].ReplyTo);
        Assert.Equal(server.Reviewer.Name, comments.Comments[0].Author);
        Assert.Equal("applications.new_received.natural_person", comments.Comments[0].CellAddress);
    }

    [Fact]
    public async Task CompareReportRevisions_OneCellChanged_DiffNamesCellWithLabel()
    {
        var office = await NewOfficeAsync("revisions");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());
        var changed = created.Clone();
        var cell = changed.Cells.First(c => c.Address == "applications.new_received.natural_person");
        var before = cell.Value;
        cell.Present = true;
        cell.Value = "99";
        cell.OriginalText = string.Empty;
        await UpdateAsync(office.Token, changed, "cells");

        var revisions = await server.CallAsync<ListReportRevisionsRequest, ListReportRevisionsResponse>(office.Token, "ReportService/ListReportRevisions",
            new ListReportRevisionsRequest { Name = created.Name });
        var diff = await server.CallAsync<CompareReportRevisionsRequest, CompareReportRevisionsResponse>(office.Token, "ReportService/CompareReportRevisions",
            new CompareReportRevisionsRequest { Name = created.Name, FromRevision = 1, ToRevision = 2 });

        Assert.Equal([1, 2], revisions.Revisions.Select(r => r.Number));
        Assert.Equal(["create", "update"], revisions.Revisions.Select(r => r.Action));
        var change = Assert.Single(diff.CellChanges);
        Assert.Equal("applications.new_received.natural_person", change.Address);
        Assert.Equal(before, change.Before);
        Assert.Equal("99", change.After);
        Assert.False(string.IsNullOrEmpty(change.Label));
        Assert.Empty(diff.PartChanges);
    }

    [Fact]
    public async Task ListReports_FiltersAndPaging_ConsistentPages()
    {
        var a = await NewOfficeAsync("list-a");
        var b = await NewOfficeAsync("list-b");
        await CreateAsync(a.Token, a.Agency, await server.ImportSeedAsync());
        await CreateAsync(b.Token, b.Agency, await CleanReportAsync());

        var clerkView = await ListAsync(a.Token, new ListReportsRequest());
        var withErrors = await ListAsync(server.ReviewerToken, new ListReportsRequest { Parent = server.District.Name, HasErrors = true, Year = 2019 });
        var page1 = await ListAsync(server.AdminToken, new ListReportsRequest { PageSize = 1, OrderBy = "create_time" });
        var page2 = await ListAsync(server.AdminToken, new ListReportsRequest { PageSize = 1, OrderBy = "create_time", PageToken = page1.NextPageToken });
        var mismatched = await Assert.ThrowsAsync<RpcException>(() =>
            ListAsync(server.AdminToken, new ListReportsRequest { PageSize = 1, Year = 2019, PageToken = page1.NextPageToken }));
        var negative = await Assert.ThrowsAsync<RpcException>(() => ListAsync(server.AdminToken, new ListReportsRequest { PageSize = -1 }));

        Assert.Equal(a.Agency.Name, Assert.Single(clerkView.Reports).Agency);
        Assert.Empty(clerkView.Reports[0].Cells);
        Assert.Contains(withErrors.Reports, r => r.Agency == a.Agency.Name);
        Assert.DoesNotContain(withErrors.Reports, r => r.Agency == b.Agency.Name);
        Assert.All(withErrors.Reports, r => Assert.True(r.ErrorCount > 0));
        Assert.True(page1.TotalSize >= 2);
        Assert.NotEqual(page1.Reports[0].Name, page2.Reports[0].Name);
        Assert.Equal(StatusCode.InvalidArgument, mismatched.Status.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, negative.Status.StatusCode);
    }

    [Fact]
    public async Task ListReports_EachServerOrder_PagesInOrderWithoutOverlap()
    {
        // A subtree of its own: offices created in the reverse order of their names, reports of three years.
        var area = await server.CallAsync<CreateAgencyRequest, Agency>(server.AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
        {
            Parent = server.District.Name,
            Agency = new Agency { DisplayName = "排序测试街道", Kind = AgencyKind.Township },
        });
        var offices = new List<Agency>();
        foreach (var name in new[] { "C办公室", "B办公室", "A办公室" })
        {
            offices.Add(await server.CallAsync<CreateAgencyRequest, Agency>(server.AdminToken, "AgencyService/CreateAgency",
                new CreateAgencyRequest { Parent = area.Name, Agency = new Agency { DisplayName = name, Kind = AgencyKind.Department } }));
        }

        var seed = await server.ImportSeedAsync();
        var clean = await CleanReportAsync();
        var created = new List<Report>();
        foreach (var (office, i) in offices.Select((o, i) => (o, i)))
        {
            foreach (var year in new[] { 2018, 2019, 2020 })
            {
                var report = (i + year) % 2 == 0 ? seed.Clone() : clean.Clone();
                report.ReportYear = year;
                created.Add(await CreateAsync(server.AdminToken, office, report));
            }
        }

        await SubmitAsync(server.AdminToken, created.First(r => r.ErrorCount == 0));

        async Task<List<Report>> AllPagesAsync(string orderBy)
        {
            var all = new List<Report>();
            var token = string.Empty;
            do
            {
                var page = await ListAsync(server.ReviewerToken, new ListReportsRequest { Parent = area.Name, OrderBy = orderBy, PageSize = 2, PageToken = token });
                all.AddRange(page.Reports);
                Assert.Equal(9, page.TotalSize);
                token = page.NextPageToken;
            }
            while (token.Length > 0);

            Assert.Equal(9, all.Select(r => r.Name).Distinct().Count());
            return all;
        }

        var byYear = await AllPagesAsync("report_year desc");
        var byAgency = await AllPagesAsync("agency");
        var byAgencyExplicit = await AllPagesAsync(" agency ASC ,report_year  desc");
        var byState = await AllPagesAsync("state");
        var byErrors = await AllPagesAsync("error_count desc");
        var oldestYear = await AllPagesAsync("report_year");

        Assert.Equal(byYear.Select(r => r.ReportYear).OrderDescending(), byYear.Select(r => r.ReportYear));
        Assert.Equal(oldestYear.Select(r => r.ReportYear).Order(), oldestYear.Select(r => r.ReportYear));
        Assert.Equal(
            ["A办公室", "A办公室", "A办公室", "B办公室", "B办公室", "B办公室", "C办公室", "C办公室", "C办公室"],
            byAgency.Select(r => r.AgencyDisplayName));
        Assert.Equal([2020, 2019, 2018], byAgency.Take(3).Select(r => r.ReportYear));
        Assert.Equal(byAgency.Select(r => r.Name), byAgencyExplicit.Select(r => r.Name));
        Assert.Equal(Report.Types.State.Submitted, byState[^1].State);
        Assert.All(byState.SkipLast(1), r => Assert.Equal(Report.Types.State.Draft, r.State));
        Assert.Equal(byErrors.Select(r => r.ErrorCount).OrderDescending(), byErrors.Select(r => r.ErrorCount));
        Assert.True(byErrors[0].ErrorCount > 0);
    }

    [Theory]
    [InlineData("name desc")]
    [InlineData("agency desc")]
    [InlineData("report_year desc, agency")]
    [InlineData("update_time")]
    [InlineData("state,, update_time desc")]
    public async Task ListReports_UnsupportedOrderBy_InvalidArgumentOnOrderBy(string orderBy)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            ListAsync(server.AdminToken, new ListReportsRequest { OrderBy = orderBy }));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Contains("不支持的排序方式", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal("order_by", Assert.Single(error.GetDetail<BadRequest>()!.FieldViolations).Field);
    }

    [Fact]
    public async Task ListReports_SubmittedByAdmin_ListOffersApproveToReviewerNotToAdmin()
    {
        var office = await NewOfficeAsync("list-duties");
        var created = await CreateAsync(server.AdminToken, office.Agency, await CleanReportAsync());
        await SubmitAsync(server.AdminToken, created);

        var asAdmin = Assert.Single((await ListAsync(server.AdminToken, new ListReportsRequest { Parent = office.Agency.Name })).Reports);
        var asReviewer = Assert.Single((await ListAsync(server.ReviewerToken, new ListReportsRequest { Parent = office.Agency.Name })).Reports);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ApproveReportRequest, Report>(server.AdminToken, "ReportService/ApproveReport",
                new ApproveReportRequest { Name = created.Name, Etag = asAdmin.Etag }));

        Assert.Equal(["return", "comment"], asAdmin.AllowedActions);
        Assert.Equal(["approve", "return", "comment"], asReviewer.AllowedActions);
        Assert.Equal("SEPARATION_OF_DUTIES", refused.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task ListReportEvents_CommentsOnCellAndFinding_EventsCarryTheirTarget()
    {
        var office = await NewOfficeAsync("comment-events");
        var created = await CreateAsync(office.Token, office.Agency, await server.ImportSeedAsync());
        var finding = (await server.CallAsync<GetReportValidationRequest, ValidationResult>(office.Token, "ReportService/GetReportValidation",
            new GetReportValidationRequest { Name = created.Name })).Findings.First().StableKey;
        foreach (var comment in new[]
        {
            new Comment { Text = "这个数字对吗？", CellAddress = "applications.new_received.natural_person" },
            new Comment { Text = "请说明此项", FindingKey = finding },
            new Comment { Text = "整体请再核对" },
        })
        {
            await server.CallAsync<CreateCommentRequest, Comment>(server.ReviewerToken, "ReportService/CreateComment",
                new CreateCommentRequest { Parent = created.Name, Comment = comment });
        }

        var events = await server.CallAsync<ListReportEventsRequest, ListReportEventsResponse>(office.Token, "ReportService/ListReportEvents",
            new ListReportEventsRequest { Name = created.Name });
        var comments = events.Events.Where(e => e.Action == "commented").ToList();

        Assert.Equal(["这个数字对吗？", "请说明此项", "整体请再核对"], comments.Select(e => e.Reason));
        Assert.Equal(["applications.new_received.natural_person"], comments[0].CellAddresses);
        Assert.Empty(comments[0].FindingKeys);
        Assert.Equal([finding], comments[1].FindingKeys);
        Assert.Empty(comments[1].CellAddresses);
        Assert.Empty(comments[2].CellAddresses);
        Assert.Empty(comments[2].FindingKeys);
    }

    [Fact]
    public async Task RollUpApplications_Subtree_SumsReportsOfTheYear()
    {
        var office = await NewOfficeAsync("rollup");
        var seed = await server.ImportSeedAsync();
        await CreateAsync(office.Token, office.Agency, seed);

        var rollUp = await server.CallAsync<RollUpApplicationsRequest, RollUpApplicationsResponse>(server.ReviewerToken, "ReportService/RollUpApplications",
            new RollUpApplicationsRequest { Parent = office.Agency.Name, Year = 2019 });

        Assert.Equal(1, rollUp.ReportCount);
        var expected = seed.Cells.Single(c => c.Address == "applications.new_received.total").Value;
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(rollUp.Cells.Single(c => c.Address == "applications.new_received.total").Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<(Agency Agency, string Token)> NewOfficeAsync(string name)
    {
        var agency = await server.CallAsync<CreateAgencyRequest, Agency>(server.AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
        {
            Parent = server.District.Name,
            Agency = new Agency { DisplayName = "测试办公室-" + name, Kind = AgencyKind.Department },
        });
        var (_, token) = await server.CreateUserAsync("clerk-" + name, Role.Clerk, agency.Name);
        return (agency, token);
    }

    /// <summary>Seed 000 with every table cell blank: no arithmetic can fail, so no ERROR findings remain.</summary>
    private async Task<Report> CleanReportAsync()
    {
        var report = await server.ImportSeedAsync();
        foreach (var cell in report.Cells)
        {
            cell.Present = false;
            cell.Value = string.Empty;
            cell.OriginalText = string.Empty;
            cell.Unit = string.Empty;
        }

        return report;
    }

    private Task<Report> CreateAsync(string token, Agency agency, Report report) =>
        server.CallAsync<CreateReportRequest, Report>(token, "ReportService/CreateReport", new CreateReportRequest { Parent = agency.Name, Report = report });

    private Task<Report> GetAsync(string token, string name) =>
        server.CallAsync<GetReportRequest, Report>(token, "ReportService/GetReport", new GetReportRequest { Name = name });

    private Task<ListReportsResponse> ListAsync(string token, ListReportsRequest request) =>
        server.CallAsync<ListReportsRequest, ListReportsResponse>(token, "ReportService/ListReports", request);

    private Task<Report> UpdateAsync(string token, Report report, params string[] paths)
    {
        var mask = new FieldMask();
        mask.Paths.AddRange(paths);
        return server.CallAsync<UpdateReportRequest, Report>(token, "ReportService/UpdateReport", new UpdateReportRequest { Report = report, UpdateMask = mask });
    }

    /// <summary>Submits with a justification for every WARNING finding of the stored report.</summary>
    private async Task<Report> SubmitAsync(string token, Report report)
    {
        var validation = await server.CallAsync<GetReportValidationRequest, ValidationResult>(token, "ReportService/GetReportValidation",
            new GetReportValidationRequest { Name = report.Name });
        var request = new SubmitReportRequest { Name = report.Name, Etag = report.Etag };
        request.Justifications.AddRange(validation.Findings
            .Where(f => f.Severity == Severity.Warning)
            .Select(f => f.StableKey)
            .Distinct()
            .Select(key => new Justification { FindingKey = key, Text = "已核实，原文如此" }));
        return await server.CallAsync<SubmitReportRequest, Report>(token, "ReportService/SubmitReport", request);
    }
}
