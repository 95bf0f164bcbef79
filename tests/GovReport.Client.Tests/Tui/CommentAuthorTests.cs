using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Internal;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>
/// Comment authors and history actors by name for users who are not administrators (who cannot list users): the names
/// come from the server on each comment and event.
/// </summary>
public sealed class CommentAuthorTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private const string TotalNaturalPerson = EditorSaveTests.TotalNaturalPerson;

    [Fact]
    public async Task ReviewComments_ReviewerReadsClerksComment_ShowsClerksName()
    {
        var (tree, report) = await SubmittedWithCommentsAsync("评论作者市");
        await using var shell = await server.ShellAsAsync(tree.ReviewerToken);
        shell.Push(new HomeScreen(shell));

        ReviewScreen.Open(shell, report.Name);
        await shell.SettleAsync();
        var review = Assert.IsType<ReviewScreen>(shell.Top);
        await shell.PressAsync(C('v'));

        Assert.IsType<ReviewCommentsScreen>(shell.Top);
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("（七）总计 / 自然人：已按各行合计核对（填报员，", text, StringComparison.Ordinal);
        Assert.Contains("整份报告：请尽快审核（审核员，", text, StringComparison.Ordinal);
        Assert.DoesNotContain("users/", text, StringComparison.Ordinal);
        Assert.All(review.Comments, c => Assert.NotEmpty(c.AuthorDisplayName));
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public async Task HistoryEvents_ClerkReadsReviewersComment_NamesEveryActor(int width, int height)
    {
        var (tree, report) = await SubmittedWithCommentsAsync($"历史作者市{width}");
        await using var shell = await server.ShellAsAsync(tree.ClerkToken);
        shell.Push(new HomeScreen(shell));

        HistoryScreen.Open(shell, report.Name);
        await shell.SettleAsync();
        var history = Assert.IsType<HistoryScreen>(shell.Top);
        await shell.PressAsync(K(Key.Tab));

        Assert.Equal(["created", "submitted", "commented", "commented"], history.Events.Select(e => e.Action));
        var text = TuiApp.Snapshot(shell, width, height);
        Assert.DoesNotContain("users/", text, StringComparison.Ordinal);
        Assert.Contains("评论（审核员，", text, StringComparison.Ordinal);
        MatchSnapshot(text, $"history-events-clerk.{width}x{height}");
    }

    [Fact]
    public void CommentLine_NoDisplayName_FallsBackToResourceName()
    {
        var comment = new Comment { Text = "请核对", Author = "users/7" };

        var line = ReviewText.CommentLine(comment, new Dictionary<string, string>(), new FixedClock());

        Assert.StartsWith("整份报告：请核对（users/7，", line, StringComparison.Ordinal);
    }

    /// <summary>Seed 002 submitted by the tree's clerk, a comment by the clerk on a cell, then one by the reviewer on the report.</summary>
    private async Task<(ReviewTree Tree, Report Report)> SubmittedWithCommentsAsync(string city)
    {
        var tree = await server.ReviewTreeAsync(city);
        await using var clerk = await ClientSession.ConnectAsync(server.Address, tree.ClerkToken, CancellationToken.None);
        await using var reviewer = await ClientSession.ConnectAsync(server.Address, tree.ReviewerToken, CancellationToken.None);
        var report = await ReviewTree.SubmitSeed002Async(clerk, tree.Office.Name);
        await clerk.CreateCommentAsync(report.Name, new Comment { Text = "已按各行合计核对", CellAddress = TotalNaturalPerson }, CancellationToken.None);
        await reviewer.CreateCommentAsync(report.Name, new Comment { Text = "请尽快审核" }, CancellationToken.None);
        return (tree, report);
    }
}
