using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Internal;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>The review queue and the review screen, driven by keys, as a reviewer, a clerk and the administrator.</summary>
public sealed class ReviewTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private const string TotalNaturalPerson = "applications.results_total.natural_person";

    /// <summary>A tree named <paramref name="city"/> with seed 002 submitted by its clerk, and the reviewer's shell on the queue.</summary>
    private async Task<(ReviewTree Tree, Report Report, TuiShell Shell, ReviewQueueScreen Queue)> ReviewerQueueAsync(string city)
    {
        var tree = await server.ReviewTreeAsync(city);
        await using (var clerk = await ClientSession.ConnectAsync(server.Address, tree.ClerkToken, CancellationToken.None))
        {
            var report = await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name);
            var shell = await server.ShellAsAsync(tree.ReviewerToken);
            shell.Push(new HomeScreen(shell));
            await shell.PressAsync(C('a'));
            var queue = Assert.IsType<ReviewQueueScreen>(shell.Top);
            Assert.True(queue.Loaded, shell.Message);
            return (tree, report, shell, queue);
        }
    }

    private static async Task<ClientSession> SessionAsync(EmbeddedServerFixture server, string token) =>
        await ClientSession.ConnectAsync(server.Address, token, CancellationToken.None);

    [Fact]
    public async Task Queue_ReviewerAboveOffice_ListsChildSubmissionButNotUnrelatedOne()
    {
        var tree = await server.ReviewTreeAsync("队列测试市");
        await using var clerk = await SessionAsync(server, tree.ClerkToken);
        await using var stranger = await SessionAsync(server, tree.UnrelatedClerkToken);
        var mine = await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name);
        var unrelated = await ReviewTree.SubmitSeed002Async(stranger, tree.UnrelatedOffice.Name);
        await using var shell = await server.ShellAsAsync(tree.ReviewerToken);
        shell.Push(new HomeScreen(shell));

        await shell.PressAsync(C('a'));

        var queue = Assert.IsType<ReviewQueueScreen>(shell.Top);
        Assert.True(queue.Loaded);
        Assert.Equal(new[] { mine.Name }, queue.Reports.Select(r => r.Name));
        Assert.DoesNotContain(queue.Reports, r => r.Name == unrelated.Name);
        Assert.Contains("approve", queue.SelectedReport!.AllowedActions);
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains(ReviewTree.OfficeName, text, StringComparison.Ordinal);
        Assert.Contains("提交时间", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queue_EmptyThenTwoSubmittedAndF5_ShowsEmptyTextThenOldestSubmissionFirst()
    {
        var tree = await server.ReviewTreeAsync("空队列测试市");
        await using var shell = await server.ShellAsAsync(tree.ReviewerToken);
        shell.Push(new HomeScreen(shell));

        await shell.PressAsync(C('a'));

        var queue = Assert.IsType<ReviewQueueScreen>(shell.Top);
        Assert.Empty(queue.Reports);
        Assert.Equal("审核队列为空", shell.Message);
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("审核队列为空：没有等待审核的报告", text, StringComparison.Ordinal);
        MatchSnapshot(text, "review-queue-empty.80x24");
        await shell.PressAsync(C('a'));
        Assert.Contains("审核队列为空，没有可操作的报告", shell.Message, StringComparison.Ordinal);

        // Submitted 2020 first, then 2019: the queue is by submission time, not by year.
        await using var clerk = await SessionAsync(server, tree.ClerkToken);
        var first = await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name);
        var second = await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name, year: 2019);
        await shell.PressAsync(K(Key.F5));

        Assert.Equal(new[] { first.Name, second.Name }, queue.Reports.Select(r => r.Name));
        Assert.Equal("审核队列：2 份报告等待审核", shell.Message);
        await shell.PressAsync(K(Key.End));
        Assert.Equal(second.Name, queue.SelectedReport!.Name);

        // Every page is read: with one report per page the two still come back, in the same order.
        await using var reviewer = await SessionAsync(server, tree.ReviewerToken);
        var paged = await reviewer.ListSubmittedReportsAsync(null, CancellationToken.None, pageSize: 1);
        Assert.Equal(new[] { first.Name, second.Name }, paged.Select(r => r.Name));
    }

    [Fact]
    public async Task ApproveFromQueue_CancelThenConfirm_ApprovesAndEmptiesQueue()
    {
        var (tree, report, shell, queue) = await ReviewerQueueAsync("通过测试市");
        await using var _ = shell;

        await shell.PressAsync(C('a'));
        Assert.IsType<ReviewConfirmScreen>(shell.Top);
        Assert.Contains("审核通过 " + ReviewTree.OfficeName, TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);
        await shell.PressAsync(C('n'));
        Assert.Same(queue, shell.Top);
        await using var clerk = await SessionAsync(server, tree.ClerkToken);
        Assert.Equal(Report.Types.State.Submitted, (await clerk.GetReportAsync(report.Name, CancellationToken.None)).State);

        await shell.PressAsync(C('a'), C('y'));

        Assert.Same(queue, shell.Top);
        Assert.False(shell.MessageIsError, shell.Message);
        Assert.Contains("已审核通过", shell.Message, StringComparison.Ordinal);
        Assert.Equal(Report.Types.State.Approved, (await clerk.GetReportAsync(report.Name, CancellationToken.None)).State);
        Assert.Empty(queue.Reports);
    }

    [Fact]
    public async Task ReviewScreen_MarkCommentAndReturnWithReason_ClerkSeesReturnedWithCellsAndComment()
    {
        var (tree, report, shell, queue) = await ReviewerQueueAsync("退回测试市");
        await using var _ = shell;

        await shell.PressAsync(K(Key.Enter));
        var review = Assert.IsType<ReviewScreen>(shell.Top);
        Assert.True(review.Editor.ReadOnly);
        Assert.True(review.Editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('7'));
        Assert.Null(review.Editor.EditBuffer);
        Assert.Equal(report.Revision, review.Report.Revision);

        await shell.PressAsync(C('m'));
        Assert.Equal(new[] { TotalNaturalPerson }, review.MarkedCells);
        await shell.PressAsync(C('c'));
        Assert.IsType<PromptScreen>(shell.Top);
        await shell.TypeAsync("自然人合计请与各行核对");
        await shell.PressAsync(K(Key.Enter));
        Assert.Same(review, shell.Top);
        var comment = Assert.Single(review.Comments);
        Assert.Equal(TotalNaturalPerson, comment.CellAddress);
        Assert.Equal(tree.Reviewer.Name, comment.Author);
        Assert.Contains("审核 标记1 评论1", TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
        await shell.PressAsync(C('v'));
        Assert.IsType<ReviewCommentsScreen>(shell.Top);
        Assert.Contains("（七）总计 / 自然人：自然人合计请与各行核对", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);
        await shell.PressAsync(K(Key.Escape));
        Assert.Same(review, shell.Top);

        // The reason is required: an empty one asks again.
        await shell.PressAsync(C('r'));
        Assert.IsType<PromptScreen>(shell.Top);
        await shell.PressAsync(K(Key.Enter));
        Assert.IsType<PromptScreen>(shell.Top);
        Assert.True(shell.MessageIsError);
        Assert.Contains("退回理由不能为空", shell.Message, StringComparison.Ordinal);
        await shell.TypeAsync("（七）总计自然人一栏有误，请更正后重新提交");
        await shell.PressAsync(K(Key.Enter));

        Assert.Same(queue, shell.Top);
        Assert.False(shell.MessageIsError, shell.Message);
        Assert.Contains("已退回", shell.Message, StringComparison.Ordinal);
        Assert.Empty(queue.Reports);

        await using var clerk = await SessionAsync(server, tree.ClerkToken);
        var seen = await clerk.ListReportsAsync(new ListReportsRequest { Parent = tree.Office.Name }, CancellationToken.None);
        Assert.Equal(Report.Types.State.Returned, Assert.Single(seen.Reports).State);
        var returned = (await clerk.ListReportEventsAsync(report.Name, CancellationToken.None)).Events.Last(e => e.Action == "returned");
        Assert.Equal("（七）总计自然人一栏有误，请更正后重新提交", returned.Reason);
        Assert.Equal(new[] { TotalNaturalPerson }, returned.CellAddresses);
        var clerkComments = await clerk.ListCommentsAsync(report.Name, CancellationToken.None);
        Assert.Contains(clerkComments.Comments, c => c.CellAddress == TotalNaturalPerson && c.Text == "自然人合计请与各行核对");
    }

    [Fact]
    public async Task Approve_BySubmitter_RefusedForSeparationOfDutiesInChinese()
    {
        var tree = await server.ReviewTreeAsync("职责分离测试市");
        await using var admin = await server.AdminSessionAsync();
        var report = await ReviewTree.SubmitSeed002Async(admin, tree.Office.Name);
        await using var shell = await server.ConnectedShellAsync();
        var queue = new ReviewQueueScreen(shell, tree.City.Name, tree.City.DisplayName);
        shell.Push(queue);
        queue.Reload();
        await shell.SettleAsync();
        Assert.Equal(new[] { report.Name }, queue.Reports.Select(r => r.Name));

        await shell.PressAsync(C('a'), C('y'));

        Assert.True(shell.MessageIsError);
        Assert.StartsWith("审核通过被拒绝：不能审核自己填报或提交的报告（职责分离）", shell.Message, StringComparison.Ordinal);
        Assert.Equal(Report.Types.State.Submitted, (await admin.GetReportAsync(report.Name, CancellationToken.None)).State);
    }

    [Fact]
    public async Task Approve_ByClerkOfTheOffice_RefusedForPermissionInChinese()
    {
        var tree = await server.ReviewTreeAsync("无权限测试市");
        await using var clerk = await SessionAsync(server, tree.ClerkToken);
        var report = await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name);
        await using var shell = await server.ShellAsAsync(tree.ClerkToken);
        shell.Push(new HomeScreen(shell));
        ReviewScreen.Open(shell, report.Name);
        await shell.SettleAsync();
        Assert.IsType<ReviewScreen>(shell.Top);

        await shell.PressAsync(C('a'), C('y'));

        Assert.True(shell.MessageIsError);
        Assert.Contains("审核通过被拒绝（无权限）", shell.Message, StringComparison.Ordinal);
        Assert.Equal(Report.Types.State.Submitted, (await clerk.GetReportAsync(report.Name, CancellationToken.None)).State);
    }
}
