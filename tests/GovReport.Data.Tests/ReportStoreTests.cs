using GovReport.Domain.Identity;
using GovReport.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

public class ReportStoreTests
{
    [Fact]
    public async Task CreateAsync_ThenGet_RoundTripsCellsExactly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();

        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        await using var other = database.NewStores();
        var read = await other.Reports.GetAsync(world.OfficeClerk, created.Summary.Id);

        Assert.Equal(ReportState.Draft, read.Summary.State);
        Assert.Equal(1, read.Summary.Revision);
        Assert.Equal(created.Summary.Etag, read.Summary.Etag);
        Assert.Equal(world.Office.Path.Value, read.Summary.AgencyPath);
        Assert.Equal(new DateOnly(2026, 1, 25), read.Content.PublicationDate);
        Assert.Equal("本年度政府信息公开工作总体情况。", read.Content.Parts["overview"]);
        var fees = Assert.Single(read.Content.Cells, c => c.Address == "active_disclosure.art20_8.fees.amount_10k_yuan");
        Assert.Equal(123.4567m, fees.Value);
        Assert.Equal("万元", fees.Unit);
        var blank = Assert.Single(read.Content.Cells, c => c.Address == "applications.carried_over.natural_person");
        Assert.False(blank.Present);
        Assert.Null(blank.Value);
        Assert.Equal("—", blank.OriginalText);
        Assert.Equal(4, read.Content.Cells.Count);
    }

    [Fact]
    public async Task CreateAsync_SecondReportSameAgencyAndYear_AlreadyExists()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());

        var ex = await Assert.ThrowsAsync<ResourceExistsException>(() =>
            stores.Reports.CreateAsync(world.OfficeClerk2, world.Office.Id, 2025, Content.Sample()));

        Assert.Contains("2025 年度报告已存在", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_MoreThanFourDecimals_RejectedNotRounded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var content = Content.Sample() with { Cells = [new StoredCell("applications.new_received.total", true, 1.23456m)] };

        var ex = await Assert.ThrowsAsync<InvalidStoreArgumentException>(() =>
            stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, content));

        Assert.Contains("4 位小数", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, await stores.Db.Reports.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_ClerkOfAnotherAgency_AccessDenied()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            stores.Reports.CreateAsync(world.LangxiaClerk, world.Office.Id, 2025, Content.Sample()));

        Assert.Contains("其他机关", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateAsync_CurrentEtag_NewEtagRevisionAndContent()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());

        var updated = await stores.Reports.UpdateAsync(world.OfficeClerk2, created.Summary.Id, created.Summary.Etag, Content.Sample(40));

        Assert.NotEqual(created.Summary.Etag, updated.Summary.Etag);
        Assert.Equal(2, updated.Summary.Revision);
        var read = await stores.Reports.GetAsync(world.Admin, created.Summary.Id);
        Assert.Equal(40m, read.Content.Cells.Single(c => c.Address == "applications.new_received.natural_person").Value);
        Assert.Equal(updated.Summary.Etag, read.Summary.Etag);
        Assert.Equal([world.OfficeClerk.Actor.UserId, world.OfficeClerk2.Actor.UserId], read.Workflow.Editors.Order());
    }

    [Fact]
    public async Task UpdateAsync_StaleEtag_ConcurrencyConflictAndNothingChanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        var first = await stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, Content.Sample(20));

        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, Content.Sample(30)));

        Assert.Equal(first.Summary.Etag, ex.CurrentEtag);
        Assert.Contains("已被他人修改", ex.Message, StringComparison.Ordinal);
        var read = await stores.Reports.GetAsync(world.OfficeClerk, created.Summary.Id);
        Assert.Equal(20m, read.Content.Cells.Single(c => c.Address == "applications.new_received.natural_person").Value);
        Assert.Equal(2, read.Summary.Revision);
    }

    [Fact]
    public async Task UpdateAsync_TwoContextsSameEtagConcurrently_ExactlyOneWinsNothingMerged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        long id;
        string etag;
        await using (var setup = database.NewStores())
        {
            var created = await setup.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
            (id, etag) = (created.Summary.Id, created.Summary.Etag);
        }

        for (var round = 0; round < 5; round++)
        {
            await using var a = database.NewStores();
            await using var b = database.NewStores();
            var valueA = 1000 + round;
            var valueB = 2000 + round;
            var results = await Task.WhenAll(
                Attempt(() => a.Reports.UpdateAsync(world.OfficeClerk, id, etag, Content.Sample(valueA))),
                Attempt(() => b.Reports.UpdateAsync(world.OfficeClerk2, id, etag, Content.Sample(valueB))));

            var winners = results.Where(r => r.Snapshot is not null).ToList();
            var loser = Assert.Single(results, r => r.Error is not null);
            Assert.Single(winners);
            Assert.IsType<ConcurrencyConflictException>(loser.Error);

            await using var check = database.NewStores();
            var read = await check.Reports.GetAsync(world.Admin, id);
            var winner = winners[0].Snapshot!;
            Assert.Equal(winner.Summary.Etag, read.Summary.Etag);
            var expected = winner.Content.Cells.Single(c => c.Address == "applications.new_received.natural_person").Value;
            Assert.Equal(expected, read.Content.Cells.Single(c => c.Address == "applications.new_received.natural_person").Value);
            Assert.Equal(expected + 3, read.Content.Cells.Single(c => c.Address == "applications.new_received.total").Value);
            Assert.Equal(round + 2, read.Summary.Revision);
            etag = read.Summary.Etag;
        }
    }

    [Fact]
    public async Task DeleteAsync_Draft_RemovesReportAndCells()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());

        await stores.Reports.DeleteAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag);

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => stores.Reports.GetAsync(world.OfficeClerk, created.Summary.Id));
        Assert.Equal(0, await stores.Db.ReportCells.CountAsync());
        Assert.Equal(0, await stores.Db.ReportRevisions.CountAsync());
    }

    [Fact]
    public async Task DeleteAsync_Submitted_RefusedByWorkflow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        await stores.Reports.SubmitAsync(world.OfficeClerk, created.Summary.Id, null, [], []);

        var ex = await Assert.ThrowsAsync<WorkflowException>(() => stores.Reports.DeleteAsync(world.OfficeClerk, created.Summary.Id, null));

        Assert.Equal(ReportState.Submitted, ex.From);
        Assert.Equal(WorkflowTransition.Delete, ex.Transition);
    }

    [Fact]
    public async Task Workflow_SubmitReturnFixResubmitApprove_HistoryAndReadOnly()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var reports = stores.Reports;
        var created = await reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        var id = created.Summary.Id;
        var error = new SubmissionFinding("V03:applications.results_total.total", "V03", FindingLevel.Error, "总计不符");
        var warning = new SubmissionFinding("V12:publication_date", "V12", FindingLevel.Warning, "发布晚于1月31日");

        var refused = await Assert.ThrowsAsync<WorkflowException>(() => reports.SubmitAsync(world.OfficeClerk, id, null, [error, warning], []));
        Assert.Equal(WorkflowCodes.ReportHasErrors, refused.Code);
        Assert.Equal([error], refused.BlockingFindings);

        var submitted = await reports.SubmitAsync(world.OfficeClerk, id, created.Summary.Etag, [warning],
            [new FindingJustification(warning.FindingId, "经领导审定后发布")]);
        Assert.Equal(ReportState.Submitted, submitted.Summary.State);
        await Assert.ThrowsAsync<WorkflowException>(() => reports.UpdateAsync(world.OfficeClerk, id, submitted.Summary.Etag, Content.Sample(1)));
        await Assert.ThrowsAsync<AccessDeniedException>(() => reports.ApproveAsync(world.OfficeClerk2, id, null));

        var returned = await reports.ReturnAsync(world.BeilunReviewer, id, null, "采购金额单位有误",
            ["active_disclosure.art20_8.fees.amount_10k_yuan"], []);
        Assert.Equal(ReportState.Returned, returned.Summary.State);

        var fixedReport = await reports.UpdateAsync(world.OfficeClerk, id, returned.Summary.Etag, Content.Sample(13));

        // The stored justification still covers the warning on resubmission.
        await reports.SubmitAsync(world.OfficeClerk, id, fixedReport.Summary.Etag, [warning], []);
        var approved = await reports.ApproveAsync(world.BeilunReviewer, id, null);
        Assert.Equal(ReportState.Approved, approved.Summary.State);

        var readOnly = await Assert.ThrowsAsync<WorkflowException>(() => reports.UpdateAsync(world.OfficeClerk, id, approved.Summary.Etag, Content.Sample(2)));
        Assert.Contains("只读", readOnly.Reason, StringComparison.Ordinal);
        var notAbove = await Assert.ThrowsAsync<WorkflowException>(() => reports.ReopenAsync(world.BeilunReviewer, id, null, "再看看"));
        Assert.Equal(WorkflowCodes.NotAboveApprover, notAbove.Code);
        var reopened = await reports.ReopenAsync(world.CityReviewer, id, null, "数据有误");
        Assert.Equal(ReportState.Reopened, reopened.Summary.State);

        var history = await reports.ListEventsAsync(world.OfficeClerk, id);
        Assert.Equal(
            [WorkflowTransition.Submit, WorkflowTransition.Return, WorkflowTransition.Submit, WorkflowTransition.Approve, WorkflowTransition.Reopen],
            history.Select(e => e.Transition));
        Assert.Equal(["active_disclosure.art20_8.fees.amount_10k_yuan"], history[1].CellAddresses);
        Assert.Equal("采购金额单位有误", history[1].Reason);
        Assert.Equal(world.BeilunReviewer.Actor.UserId, history[3].ActorId);
        var justification = Assert.Single(await reports.ListJustificationsAsync(world.BeilunReviewer, id));
        Assert.Equal("经领导审定后发布", justification.Text);
    }

    [Fact]
    public async Task ApproveAsync_ReviewerWhoEditedTheReport_SeparationOfDuties()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.Admin, world.Office.Id, 2025, Content.Sample());
        await stores.Reports.SubmitAsync(world.OfficeClerk, created.Summary.Id, null, [], []);

        var ex = await Assert.ThrowsAsync<WorkflowException>(() => stores.Reports.ApproveAsync(world.Admin, created.Summary.Id, null));

        Assert.Equal(WorkflowCodes.SeparationOfDuties, ex.Code);
        Assert.Equal(ReportState.Submitted, (await stores.Reports.GetAsync(world.Admin, created.Summary.Id)).Summary.State);
    }

    [Fact]
    public async Task TransitionAsync_StaleEtag_ConcurrencyConflict()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        await stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, Content.Sample(5));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            stores.Reports.SubmitAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, [], []));
    }

    [Fact]
    public async Task CompareRevisionsAsync_ChangedAddedRemovedCells_Listed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample(12));
        var changed = Content.Sample(14);
        changed = changed with
        {
            Cells = [.. changed.Cells.Where(c => !c.Address.StartsWith("active_disclosure", StringComparison.Ordinal)),
                new StoredCell("applications.granted.total", true, 7)],
            Parts = new Dictionary<string, string> { ["overview"] = "修改后的总体情况。", ["problems"] = "存在的主要问题。" },
        };
        await stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, changed);

        var revisions = await stores.Reports.ListRevisionsAsync(world.OfficeClerk, created.Summary.Id);
        var diff = await stores.Reports.CompareRevisionsAsync(world.OfficeClerk, created.Summary.Id, 1, 2);

        Assert.Equal([1, 2], revisions.Select(r => r.Number));
        Assert.Equal(["create", "update"], revisions.Select(r => r.Action));
        Assert.Equal(
            [
                ("active_disclosure.art20_8.fees.amount_10k_yuan", ChangeKind.Removed),
                ("applications.granted.total", ChangeKind.Added),
                ("applications.new_received.natural_person", ChangeKind.Changed),
                ("applications.new_received.total", ChangeKind.Changed),
            ],
            diff.Cells.Select(c => (c.Address, c.Kind)));
        var natural = diff.Cells.Single(c => c.Address == "applications.new_received.natural_person");
        Assert.Equal((12m, 14m), (natural.Before!.Value!.Value, natural.After!.Value!.Value));
        var part = Assert.Single(diff.Parts);
        Assert.Equal(("overview", ChangeKind.Changed, "修改后的总体情况。"), (part.Code, part.Kind, part.After));
        var first = await stores.Reports.GetRevisionAsync(world.OfficeClerk, created.Summary.Id, 1);
        Assert.Equal(123.4567m, first.Cells.Single(c => c.Address == "active_disclosure.art20_8.fees.amount_10k_yuan").Value);
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => stores.Reports.GetRevisionAsync(world.OfficeClerk, created.Summary.Id, 3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UpdateAsync_CellsInOrOutOfAddressOrder_SameRowsRollupAndRevision(bool sorted)
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample(12));
        var cells = new List<StoredCell>
        {
            new("applications.new_received.total", true, 20),
            new("applications.granted.total", true, 7),
            new("applications.new_received.natural_person", true, 12),
            new("applications.carried_over.natural_person", false, null, "—"),
        };
        var changed = Content.Sample() with
        {
            Cells = sorted ? [.. cells.OrderBy(c => c.Address, StringComparer.Ordinal)] : cells,
        };

        var updated = await stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, changed);

        await using var other = database.NewStores();
        var read = await other.Reports.GetAsync(world.OfficeClerk, created.Summary.Id);
        Assert.Equal(
            [("applications.carried_over.natural_person", (decimal?)null), ("applications.granted.total", 7m),
                ("applications.new_received.natural_person", 12m), ("applications.new_received.total", 20m)],
            read.Content.Cells.Select(c => (c.Address, c.Value)));
        var diff = await other.Reports.CompareRevisionsAsync(world.OfficeClerk, created.Summary.Id, 1, 2);
        Assert.Equal(
            [
                ("active_disclosure.art20_8.fees.amount_10k_yuan", ChangeKind.Removed),
                ("applications.granted.total", ChangeKind.Added),
                ("applications.new_received.total", ChangeKind.Changed),
            ],
            diff.Cells.Select(c => (c.Address, c.Kind)));
        // The maintained roll-up rows moved by the same difference: they still equal the sum over the stored cells.
        var rollUp = await other.Reports.RollUpApplicationsAsync(world.BeilunReviewer, world.Beilun.Id, 2025);
        var exact = await other.Reports.RollUpApplicationsExactAsync(world.BeilunReviewer, world.Beilun.Id, 2025);
        Assert.Equal(20m, rollUp.Sums["applications.new_received.total"]);
        Assert.Equal(7m, rollUp.Sums["applications.granted.total"]);
        Assert.Equal(exact.Sums.OrderBy(p => p.Key, StringComparer.Ordinal), rollUp.Sums.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Equal(2, updated.Summary.Revision);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task UpdateAsync_RepeatedAddressInOrOutOfOrder_RefusedAndNothingChanged(bool sorted)
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample(12));
        List<StoredCell> cells = sorted
            ? [new("applications.granted.total", true, 1), new("applications.new_received.total", true, 2), new("applications.new_received.total", true, 3)]
            : [new("applications.new_received.total", true, 2), new("applications.granted.total", true, 1), new("applications.new_received.total", true, 3)];

        var error = await Assert.ThrowsAsync<InvalidStoreArgumentException>(() =>
            stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, Content.Sample() with { Cells = cells }));

        Assert.Contains("applications.new_received.total 重复出现", error.Message, StringComparison.Ordinal);
        await using var other = database.NewStores();
        Assert.Equal(created.Summary.Etag, (await other.Reports.GetAsync(world.OfficeClerk, created.Summary.Id)).Summary.Etag);
    }

    [Fact]
    public async Task AddCommentAsync_ThreadOnCellAndFinding_ListedInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        var id = created.Summary.Id;

        var root = await stores.Reports.AddCommentAsync(world.BeilunReviewer, id, null, "applications.new_received.total", null, "这个数对吗？");
        var reply = await stores.Reports.AddCommentAsync(world.OfficeClerk, id, root.Id, null, null, "已核对，无误。");
        await stores.Reports.AddCommentAsync(world.OfficeClerk, id, null, null, "V12:publication_date", "发布时间说明见附件。");

        var comments = await stores.Reports.ListCommentsAsync(world.BeilunReviewer, id);
        Assert.Equal(3, comments.Count);
        Assert.Equal(root.Id, comments[1].ParentId);
        Assert.Equal("applications.new_received.total", comments[0].CellAddress);
        Assert.Equal("V12:publication_date", comments[2].FindingId);
        Assert.Equal(reply.Id, comments[1].Id);
        await Assert.ThrowsAsync<AccessDeniedException>(() => stores.Reports.AddCommentAsync(world.LangxiaClerk, id, null, null, null, "x"));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => stores.Reports.AddCommentAsync(world.OfficeClerk, id, 9999, null, null, "x"));
    }

    [Fact]
    public async Task GetAsync_Visibility_FollowsAccessPolicy()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        var id = created.Summary.Id;

        Assert.NotNull(await stores.Reports.GetAsync(world.OfficeClerk2, id));
        Assert.NotNull(await stores.Reports.GetAsync(world.BeilunReviewer, id));
        Assert.NotNull(await stores.Reports.GetAsync(world.CityReviewer, id));
        Assert.NotNull(await stores.Reports.GetAsync(world.Admin, id));
        await Assert.ThrowsAsync<AccessDeniedException>(() => stores.Reports.GetAsync(world.LangxiaClerk, id));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => stores.Reports.GetAsync(world.Admin, id + 100));
    }

    private static async Task<(ReportSnapshot? Snapshot, Exception? Error)> Attempt(Func<Task<ReportSnapshot>> action)
    {
        try
        {
            return (await action(), null);
        }
        catch (ConcurrencyConflictException ex)
        {
            return (null, ex);
        }
    }
}
