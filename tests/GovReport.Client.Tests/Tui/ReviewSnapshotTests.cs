using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>
/// Snapshots of the queue and the review screen. Alone on its own server: the V18 findings (narrative similar to other
/// agencies' reports) depend on every report stored, so no other test may add reports here.
/// </summary>
public sealed class ReviewSnapshotTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task QueueThenReview_Seed002_MatchSnapshotsAt80x24And120x40()
    {
        var tree = await server.ReviewTreeAsync("快照测试市");
        await using (var clerk = await ClientSession.ConnectAsync(server.Address, tree.ClerkToken, CancellationToken.None))
        {
            await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name);
        }

        await using var shell = await server.ShellAsAsync(tree.ReviewerToken);
        shell.Push(new HomeScreen(shell));
        await shell.PressAsync(C('a'));
        Assert.IsType<ReviewQueueScreen>(shell.Top);
        MatchSnapshot(TuiApp.Snapshot(shell, 80, 24), "review-queue-reviewer.80x24");
        MatchSnapshot(TuiApp.Snapshot(shell, 120, 40), "review-queue-reviewer.120x40");

        await shell.PressAsync(K(Key.Enter));
        var review = Assert.IsType<ReviewScreen>(shell.Top);
        Assert.True(review.Editor.JumpTo("applications.results_total.natural_person"));
        await shell.PressAsync(C('m'));

        foreach (var (width, height) in new[] { (80, 24), (120, 40) })
        {
            var buffer = new ScreenBuffer(width, height);
            shell.Draw(buffer);
            AssertWellFormed(buffer);
            var text = buffer.ToText();
            Assert.Contains((width < 120 ? "审核 │ " : "审核报告 │ ") + ReviewTree.OfficeName, text, StringComparison.Ordinal);
            Assert.Contains("已提交", text, StringComparison.Ordinal);
            Assert.Contains("已标记", text, StringComparison.Ordinal);
            MatchSnapshot(text, $"review-seed002.{width}x{height}");
        }
    }
}
