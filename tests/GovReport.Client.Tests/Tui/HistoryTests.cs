using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Internal;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

public sealed class HistoryTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private const string NewReceived = "applications.new_received.natural_person";
    private const string Granted = "applications.granted.natural_person";

    [Fact]
    public async Task Open_AfterCellEdit_DiffShowsTheCellWithLabelBeforeAndAfter()
    {
        await using var shell = await server.ConnectedShellAsync();
        var name = await CreateWithRevisionsAsync(shell.RequireSession(), "差异测试局", [(NewReceived, 10)], [(NewReceived, 12)]);

        HistoryScreen.Open(shell, name);
        await shell.SettleAsync();
        var history = Assert.IsType<HistoryScreen>(shell.Top);

        Assert.Equal(new[] { 1, 2 }, history.Revisions.Select(r => r.Number));
        Assert.Equal(new[] { "create", "update" }, history.Revisions.Select(r => r.Action));
        Assert.Equal<(int, int)?>((1, 2), history.DiffPair);
        var row = Assert.Single(history.DiffRows);
        Assert.Equal(NewReceived, row.Where);
        Assert.Equal(("10", "12"), (row.Before, row.After));
        Assert.Contains("自然人", row.Item, StringComparison.Ordinal);

        // Wide enough for the address column in full.
        var text = TuiApp.Snapshot(shell, 200, 50);
        Assert.Contains("与前一修订相比：单元格 1 处，正文 0 处", text, StringComparison.Ordinal);
        Assert.Contains(NewReceived, text, StringComparison.Ordinal);
        var line = text.Split('\n').Single(l => l.Contains(NewReceived, StringComparison.Ordinal));
        Assert.True(line.IndexOf("10", StringComparison.Ordinal) < line.LastIndexOf("12", StringComparison.Ordinal), line);

        // Up to revision 1: nothing before it to compare with.
        await shell.PressAsync(K(Key.Up));
        Assert.Null(history.DiffPair);
        Assert.Contains("这是第一个修订", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SpaceMarksTwoRevisions_ComparesThemInsteadOfNeighbours()
    {
        await using var shell = await server.ConnectedShellAsync();
        var name = await CreateWithRevisionsAsync(shell.RequireSession(), "标记测试局",
            [(NewReceived, 10)], [(NewReceived, 12)], [(NewReceived, 12), (Granted, 4)]);
        HistoryScreen.Open(shell, name);
        await shell.SettleAsync();
        var history = Assert.IsType<HistoryScreen>(shell.Top);
        Assert.Equal<(int, int)?>((2, 3), history.DiffPair);
        Assert.Equal(new[] { Granted }, history.DiffRows.Select(r => r.Where));

        // Mark #3, then #1: the diff spans both changes.
        await shell.PressAsync(C(' '), K(Key.Home), C(' '));
        Assert.Equal(new[] { 3, 1 }, history.Marked);
        Assert.Equal<(int, int)?>((1, 3), history.DiffPair);
        Assert.Equal(new[] { Granted, NewReceived }, history.DiffRows.Select(r => r.Where).Order(StringComparer.Ordinal));
        var granted = history.DiffRows.Single(r => r.Where == Granted);
        Assert.Equal((HistoryDiff.Empty, "4"), (granted.Before, granted.After));
        Assert.Contains("已标记的两个修订", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);

        // c clears the marks: back to the selected revision and its predecessor.
        await shell.PressAsync(C('c'));
        Assert.Empty(history.Marked);
        Assert.Null(history.DiffPair);
    }

    [Fact]
    public async Task AuditTab_AfterCommentAndSubmit_ListsActionsStateChangeAndReason()
    {
        await using var shell = await server.ConnectedShellAsync();
        var session = shell.RequireSession();
        var agency = await ReportListDemo.AgencyAsync(session, string.Empty, "审计测试局", AgencyKind.Department, CancellationToken.None);
        var seed = "003_0b363b8c6b5339b4.txt";
        var imported = await session.ImportAsync(await File.ReadAllBytesAsync(Seed(seed)), seed, CancellationToken.None);
        imported.Report.AgencyDisplayName = agency.DisplayName;
        var report = await ReportListDemo.ReportAsync(session, agency, 2019, imported.Report, CancellationToken.None);
        await session.CreateCommentAsync(report.Name, new Comment { Text = "请补充发布日期。", CellAddress = NewReceived }, CancellationToken.None);
        var validation = await session.GetReportValidationAsync(report.Name, CancellationToken.None);
        var submit = new SubmitReportRequest { Name = report.Name };
        submit.Justifications.AddRange(validation.Findings.Where(f => f.Severity == Severity.Warning).Select(f => f.StableKey).Distinct()
            .Select(k => new Justification { FindingKey = k, Text = "已核对。" }));
        await session.SubmitReportAsync(submit, CancellationToken.None);

        HistoryScreen.Open(shell, report.Name);
        await shell.SettleAsync();
        var history = Assert.IsType<HistoryScreen>(shell.Top);
        await shell.PressAsync(K(Key.Tab));
        Assert.Equal(1, history.Tab);

        Assert.Equal(new[] { "created", "commented", "submitted" }, history.Events.Select(e => e.Action));
        Assert.Equal(history.Events.Count - 1, history.SelectedEvent);
        var text = TuiApp.Snapshot(shell, 120, 40);
        Assert.Contains("草稿 → 已提交", text, StringComparison.Ordinal);
        Assert.Contains("请补充发布日期。", text, StringComparison.Ordinal);

        // The detail box shows the selected record in full: the comment and the cell it is on.
        await shell.PressAsync(K(Key.Up));
        Assert.Equal(1, history.SelectedEvent);
        text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("评论：请补充发布日期。", text, StringComparison.Ordinal);
        Assert.Contains("单元格：" + NewReceived, text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public async Task Snapshot_ExampleReportBothTabs_MatchesCheckedInText(int width, int height)
    {
        await using var shell = await server.ConnectedShellAsync();
        await shell.BootAsync(HistoryScreen.BootAsync);

        var history = Assert.IsType<HistoryScreen>(shell.Top);
        Assert.Equal<(int, int)?>((2, 3), history.DiffPair);
        Assert.Contains(history.DiffRows, r => r.IsPart && r.Where == "overview");

        // #1 against #3 with marks, then the audit trail.
        await shell.PressAsync(C(' '), K(Key.Home), C(' '));
        MatchSnapshot(TuiApp.Snapshot(shell, width, height), $"history-marked.{width}x{height}");
        await shell.PressAsync(C('2'));
        MatchSnapshot(TuiApp.Snapshot(shell, width, height), $"history-events.{width}x{height}");
    }

    [Theory]
    [InlineData("", "本年度共收到申请12件。", "“本年度共收到申请12件。”")]
    [InlineData("本年度共收到申请12件。", "", "“本年度共收到申请12件。”")]
    [InlineData("共收到申请12件，均已答复。", "共收到申请15件，均已答复。", "“…申请12件，均…”→“…申请15件，均…”")]
    [InlineData("a😀一二X", "a😀一二Y", "“…😀一二X”→“…😀一二Y”")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十", "", "“一二三四五六七八九十一二三四五六…”")]
    public void Excerpt_TwoTexts_ShowsTheChangedMiddleWithContext(string before, string after, string expected) =>
        Assert.Equal(expected, HistoryDiff.Excerpt(before, after));

    [Fact]
    public void Rows_CellAndPartChanges_CellsFirstThenSummarisedParts()
    {
        var diff = new CompareReportRevisionsResponse();
        diff.CellChanges.Add(new CellChange { Address = NewReceived, Label = "本年新收 / 自然人", Before = "", After = "3" });
        diff.PartChanges.Add(new PartChange { Code = "overview", Before = "共12件。", After = "共15件。" });
        diff.PartChanges.Add(new PartChange { Code = "extra.7", Before = "旧的说明", After = "" });
        var template = new ReportTemplate();
        template.Parts.Add(new TemplatePart { Code = "overview", Heading = "一、总体情况" });

        var rows = HistoryDiff.Rows(diff, [template]);

        Assert.Equal(new HistoryDiffRow("本年新收 / 自然人", NewReceived, HistoryDiff.Empty, "3", IsPart: false), rows[0]);
        Assert.Equal(new HistoryDiffRow("正文修改：一、总体情况 “共12件。”→“共15件。”", "overview", "5 字", "5 字", IsPart: true), rows[1]);
        Assert.Equal(new HistoryDiffRow("正文删除：模板外部分 7 “旧的说明”", "extra.7", "4 字", "（无）", IsPart: true), rows[2]);
        Assert.Equal("单元格 1 处，正文 2 处", HistoryDiff.Summary(diff));
    }

    /// <summary>A report created with the first cell set and updated once per further set; returns its name.</summary>
    private static async Task<string> CreateWithRevisionsAsync(ClientSession session, string agencyName, params (string, long)[][] revisions)
    {
        var agency = await ReportListDemo.AgencyAsync(session, string.Empty, agencyName, AgencyKind.Department, CancellationToken.None);
        var report = await ReportListDemo.ReportAsync(session, agency, 2024, ReportListDemo.Content(agency, 2024, revisions[0]), CancellationToken.None);
        foreach (var cells in revisions.Skip(1))
        {
            var next = ReportListDemo.Content(agency, 2024, cells);
            next.Name = report.Name;
            next.Etag = report.Etag;
            report = await session.UpdateReportAsync(new UpdateReportRequest { Report = next }, CancellationToken.None);
        }

        return report.Name;
    }
}
