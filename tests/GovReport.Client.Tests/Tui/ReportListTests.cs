using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Internal;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

public sealed class ReportListTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task FilterKeys_YearErrorsAgencyState_NarrowTheList()
    {
        await using var shell = await server.ConnectedShellAsync();
        var tree = await ListData.TreeAsync(shell.RequireSession(), "筛选测试市");
        var list = await ListData.OpenAsync(shell, tree.Root);
        Assert.Equal(tree.Reports.Count, list.TotalSize);
        Assert.Equal(tree.Reports.Count, list.Reports.Count);

        // e: only reports with ERROR findings (the submitted street report has none); e again: all.
        await shell.PressAsync(C('e'));
        Assert.True(list.Filter.HasErrors);
        ListData.AssertNames(tree.Reports.Where(r => r.ErrorCount > 0), list);
        Assert.InRange(list.Reports.Count, 1, tree.Reports.Count - 1);
        await shell.PressAsync(C('e'));
        Assert.Equal(tree.Reports.Count, list.Reports.Count);

        // y, then four digits: only 2022.
        await shell.PressAsync(C('y'));
        Assert.True(list.EditingFilters);
        await shell.TypeAsync("2022");
        await shell.PressAsync(K(Key.Escape));
        Assert.False(list.EditingFilters);
        Assert.Equal(2022, list.Filter.Year);
        ListData.AssertNames(tree.Reports.Where(r => r.ReportYear == 2022), list);
        Assert.InRange(list.Reports.Count, 1, tree.Reports.Count - 1);

        // a: the agency picker; typing narrows it to the district, Enter filters to its subtree.
        await shell.PressAsync(C('a'));
        var picker = Assert.IsType<ReportListAgencyPicker>(shell.Top);
        await shell.TypeAsync(tree.District.DisplayName);
        Assert.Equal(tree.District.DisplayName, picker.Shown[picker.Selected]!.DisplayName);
        await shell.PressAsync(K(Key.Enter));
        Assert.Same(list, shell.Top);
        Assert.Equal(tree.District.Name, list.Filter.Agency);
        ListData.AssertNames(tree.Reports.Where(r => r.ReportYear == 2022 && tree.InDistrict(r)), list);

        // Backspace on the year field clears it: the district's two reports; t: drafts only (the street's submitted one drops out).
        await shell.PressAsync(C('y'), K(Key.Backspace), K(Key.Escape));
        Assert.Equal(0, list.Filter.Year);
        ListData.AssertNames(tree.Reports.Where(tree.InDistrict), list);
        Assert.Equal(2, list.Reports.Count);
        await shell.PressAsync(C('t'));
        Assert.Equal(Report.Types.State.Draft, list.Filter.State);
        ListData.AssertNames(tree.Reports.Where(r => tree.InDistrict(r) && r.State == Report.Types.State.Draft), list);
        Assert.Single(list.Reports);

        // The filter bar from the keyboard: f, → to the state field, ↑ back to 全部.
        await shell.PressAsync(C('f'), K(Key.Right), K(Key.Right), K(Key.Up), K(Key.Escape));
        Assert.Equal(Report.Types.State.Unspecified, list.Filter.State);
        ListData.AssertNames(tree.Reports.Where(tree.InDistrict), list);
        Assert.Contains("状态：全部", TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SortKey_EachOrder_MatchesTheReportsOrderedByThatKey()
    {
        await using var shell = await server.ConnectedShellAsync();
        var tree = await ListData.TreeAsync(shell.RequireSession(), "排序测试市");
        var list = await ListData.OpenAsync(shell, tree.Root);

        // Default: last change first, i.e. the reverse of creation here (each report was created after the previous).
        Assert.Equal(ReportListSort.LastUpdate, list.Sort);
        // Equal times (a fast machine) fall back to the newer report first, as the server does (by id).
        var newestFirst = tree.Reports.Select((r, i) => (r, i)).OrderByDescending(x => x.r.UpdateTime.ToDateTimeOffset()).ThenByDescending(x => x.i)
            .Select(x => x.r.Name).ToList();
        Assert.Equal(newestFirst, list.Reports.Select(r => r.Name).ToList());

        await shell.PressAsync(C('s'));
        Assert.Equal(ReportListSort.Agency, list.Sort);
        // By the agency's name (the server's code-point order), newest year first within an agency.
        var byAgency = list.Reports.Select(r => (r.AgencyDisplayName, r.ReportYear)).ToList();
        Assert.Equal([.. byAgency.OrderBy(a => a.AgencyDisplayName, StringComparer.Ordinal).ThenByDescending(a => a.ReportYear)], byAgency);
        Assert.Equal(tree.Reports.Count, byAgency.Count);

        await shell.PressAsync(C('s'));
        Assert.Equal(ReportListSort.Year, list.Sort);
        Assert.Equal(tree.Reports.Select(r => r.ReportYear).OrderDescending().ToList(), list.Reports.Select(r => r.ReportYear).ToList());

        await shell.PressAsync(C('s'));
        Assert.Equal(ReportListSort.State, list.Sort);
        Assert.Equal(Report.Types.State.Submitted, list.Reports[^1].State);
        Assert.All(list.Reports.SkipLast(1), r => Assert.Equal(Report.Types.State.Draft, r.State));

        await shell.PressAsync(C('s'));
        Assert.Equal(ReportListSort.Errors, list.Sort);
        Assert.Equal(
            [.. tree.Reports.Select(r => (r.ErrorCount, r.WarningCount)).OrderByDescending(c => c.ErrorCount).ThenByDescending(c => c.WarningCount)],
            list.Reports.Select(r => (r.ErrorCount, r.WarningCount)).ToList());
        Assert.Contains("排序：错误数↓", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);

        // Wraps round to the server's default order.
        await shell.PressAsync(C('s'));
        Assert.Equal(ReportListSort.LastUpdate, list.Sort);
    }

    [Fact]
    public async Task SlashSearch_TypedAgencyName_JumpsAndNCyclesThroughMatches()
    {
        await using var shell = await server.ConnectedShellAsync();
        var tree = await ListData.TreeAsync(shell.RequireSession(), "查找测试市");
        var list = await ListData.OpenAsync(shell, tree.Root, ReportListSort.Agency);

        await shell.PressAsync(C('/'));
        Assert.True(list.CapturesText);
        await shell.TypeAsync("财政");
        Assert.Equal(tree.Finance.DisplayName, list.SelectedReport!.AgencyDisplayName);
        Assert.Contains("查找：财政", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);
        Assert.NotNull(list.Cursor);
        await shell.PressAsync(K(Key.Enter));
        Assert.False(list.CapturesText);

        // Two finance reports: n goes to the other one and back (wrapping); N goes back.
        var first = list.Selected;
        await shell.PressAsync(C('n'));
        Assert.NotEqual(first, list.Selected);
        Assert.Equal(tree.Finance.DisplayName, list.SelectedReport!.AgencyDisplayName);
        await shell.PressAsync(C('n'));
        Assert.Equal(first, list.Selected);
        await shell.PressAsync(C('N'));
        Assert.NotEqual(first, list.Selected);

        // A year is searchable too; Esc while searching goes back to where the search started.
        var before = list.Selected;
        await shell.PressAsync(C('/'));
        await shell.TypeAsync("2021");
        Assert.Equal(2021, list.SelectedReport!.ReportYear);
        await shell.PressAsync(K(Key.Escape));
        Assert.Equal(before, list.Selected);
        Assert.Same(list, shell.Top);

        // Nothing matches: the selection stays and the message says so.
        await shell.PressAsync(C('/'));
        await shell.TypeAsync("没有这个机关");
        Assert.Equal(before, list.Selected);
        Assert.True(shell.MessageIsError);
        Assert.Contains("没有找到", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_PageSizeThree_LoadsMoreWhenScrollingPastTheEnd()
    {
        await using var shell = await server.ConnectedShellAsync();
        var session = shell.RequireSession();
        var agency = await ReportListDemo.AgencyAsync(session, string.Empty, "分页测试局", AgencyKind.Department, CancellationToken.None);
        for (var year = 2014; year <= 2020; year++)
        {
            await ReportListDemo.ReportAsync(session, agency, year, ReportListDemo.Content(agency, year, []), CancellationToken.None);
        }

        var list = ReportListScreen.Open(shell, new ReportListFilter(Agency: agency.Name, AgencyTitle: agency.DisplayName), ReportListSort.Agency, pageSize: 3);
        await shell.SettleAsync();
        Assert.Equal(7, list.TotalSize);
        Assert.Equal(3, list.Reports.Count);
        Assert.True(list.HasMore);
        Assert.Contains("共 7 份，已加载 3 份", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);

        // Down to the last loaded row loads nothing; one more Down loads the next page and moves onto it.
        await shell.PressAsync(K(Key.Down), K(Key.Down));
        Assert.Equal(3, list.Reports.Count);
        await shell.PressAsync(K(Key.Down));
        Assert.Equal(6, list.Reports.Count);
        Assert.Equal(3, list.Selected);
        await shell.PressAsync(K(Key.End), K(Key.Down));
        Assert.Equal(7, list.Reports.Count);
        Assert.False(list.HasMore);
        Assert.Equal(Enumerable.Range(2014, 7).Reverse().ToList(), list.Reports.Select(r => r.ReportYear).ToList());

        // Refresh reloads the first page and keeps the selected report selected.
        await shell.PressAsync(K(Key.Home), K(Key.Down));
        var selected = list.SelectedReport!.Name;
        await shell.PressAsync(C('r'));
        Assert.Equal(3, list.Reports.Count);
        Assert.Equal(1, list.Selected);
        Assert.Equal(selected, list.SelectedReport!.Name);
    }

    [Fact]
    public async Task EnterAndH_OnSelectedReport_OpenEditorAndHistoryOfThatReport()
    {
        await using var shell = await server.ConnectedShellAsync();
        var tree = await ListData.TreeAsync(shell.RequireSession(), "打开测试市");
        var list = await ListData.OpenAsync(shell, tree.Root, ReportListSort.Agency);
        await shell.PressAsync(K(Key.Down));
        var report = list.SelectedReport!;

        await shell.PressAsync(K(Key.Enter));
        var editor = Assert.IsType<EditorScreen>(shell.Top);
        Assert.Equal(report.Name, editor.Report.Name);
        Assert.Equal(report.AgencyDisplayName, editor.Report.AgencyDisplayName);
        shell.Pop();

        await shell.PressAsync(C('h'));
        var history = Assert.IsType<HistoryScreen>(shell.Top);
        Assert.Equal(report.Name, history.ReportName);
        Assert.NotEmpty(history.Revisions);
    }

    [Fact]
    public async Task Enter_SaveInTheEditor_ListRowShowsTheSavedRevision()
    {
        await using var shell = await server.ConnectedShellAsync();
        var tree = await ListData.TreeAsync(shell.RequireSession(), "刷新测试市");
        var list = await ListData.OpenAsync(shell, tree.Root, ReportListSort.Agency);
        var target = tree.Reports.First(r => r.Agency == tree.Finance.Name && r.ReportYear == 2022);
        var index = list.Reports.Select(r => r.Name).ToList().IndexOf(target.Name);
        for (var i = 0; i < index; i++)
        {
            await shell.PressAsync(K(Key.Down));
        }

        Assert.Equal(target.Name, list.SelectedReport!.Name);
        await shell.PressAsync(K(Key.Enter));
        var editor = Assert.IsType<EditorScreen>(shell.Top);
        Assert.True(editor.JumpTo(EditorSaveTests.TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter), KeyEvent.Ctrl('s'));
        Assert.False(editor.Modified);
        Assert.Equal(target.Revision + 1, editor.Report.Revision);

        // Back on the list, the row is the stored one (the list reloaded when the editor saved), not the one it had.
        shell.Pop();
        await shell.SettleAsync();
        Assert.Same(list, shell.Top);
        var row = Assert.Single(list.Reports, r => r.Name == target.Name);
        Assert.Equal(editor.Report.Etag, row.Etag);
        Assert.Equal(editor.Report.Revision, row.Revision);
    }

    [Fact]
    public async Task HomeL_YearWithoutReports_ShowsAnEmptyListAndItsHint()
    {
        await using var shell = await server.ConnectedShellAsync();
        shell.Push(new HomeScreen(shell));
        await shell.PressAsync(C('l'));
        var list = Assert.IsType<ReportListScreen>(shell.Top);

        // Filter to a year nobody reports on: the list is empty and says how to change the filters.
        await shell.PressAsync(C('y'));
        await shell.TypeAsync("1999");
        await shell.PressAsync(K(Key.Enter));
        Assert.Empty(list.Reports);
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("没有符合条件的报告", text, StringComparison.Ordinal);
        Assert.Contains("年度：1999", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public async Task Snapshot_ExampleTreeFilteredToDistrict_MatchesCheckedInText(int width, int height)
    {
        await using var shell = await server.ConnectedShellAsync();
        await shell.BootAsync(ReportListScreen.BootAsync);

        var list = Assert.IsType<ReportListScreen>(shell.Top);
        await shell.PressAsync(C('a'));
        await shell.TypeAsync("示例区");
        MatchSnapshot(TuiApp.Snapshot(shell, width, height), $"report-list-picker.{width}x{height}");
        await shell.PressAsync(K(Key.Enter), C('f'), K(Key.Right));
        Assert.Equal(2, list.Reports.Count);
        MatchSnapshot(TuiApp.Snapshot(shell, width, height), $"report-list-district.{width}x{height}");
    }

    [Theory]
    [InlineData(5 * 60, "刚刚")]
    [InlineData(-30, "刚刚")]
    [InlineData(-5 * 60, "5 分钟前")]
    [InlineData(-2 * 3600, "今天 07:00")]
    [InlineData(-10 * 3600, "昨天 23:00")]
    [InlineData(-3 * 86400, "02-26 09:00")]
    [InlineData(-(59 * 86400) - (5 * 3600), "01-01 04:00")]
    [InlineData(-(60 * 86400) + (9 * 3600), "2025-12-31")]
    public void Time_RelativeToShellClock_ReadsAsExpected(int secondsFromNow, string expected)
    {
        // FixedClock: 2026-03-01 09:00 in UTC+8.
        var clock = new FixedClock();
        var at = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(clock.GetUtcNow().AddSeconds(secondsFromNow));
        Assert.Equal(expected, ReportListText.Time(at, clock));
        Assert.Equal("—", ReportListText.Time(null, clock));
    }

    [Fact]
    public void Layout_EveryWidthFrom20To200_ColumnsFitAndAgencyColumnGrows()
    {
        var columns = new ReportListColumn[] { new("机关", 14, Flex: true), new("年度", 4), new("修订", 4, MinTableWidth: 90) };
        var previousAgency = 0;
        for (var width = 20; width <= 200; width++)
        {
            var widths = ReportListTable.Layout(columns, width);
            var shown = widths.Where(w => w > 0).ToList();
            Assert.True(shown.Sum() + shown.Count - 1 <= width, $"width {width}");
            Assert.True(widths[0] >= previousAgency || width == 90, $"width {width}");
            Assert.Equal(width >= 90, widths[2] > 0);
            previousAgency = widths[0];
        }
    }
}

/// <summary>Test data for the list screens: an agency tree with seed and blank reports, created through the API.</summary>
internal static class ListData
{
    /// <summary>
    /// {root} (2022 blank) → 教育局 (2021 seed 000, 2022 seed 003), 财政局 (2020 blank, 2022 seed 004),
    /// 测试区 (2022 blank) → 测试街道 (2019 seed 003, its own year: it has no errors then, so it is submitted). Names are unique per <paramref name="root"/>.
    /// </summary>
    public static async Task<ListTree> TreeAsync(ClientSession session, string root)
    {
        var ct = CancellationToken.None;
        var top = await ReportListDemo.AgencyAsync(session, string.Empty, root, AgencyKind.Government, ct);
        var education = await ReportListDemo.AgencyAsync(session, top.Name, root + "教育局", AgencyKind.Department, ct);
        var finance = await ReportListDemo.AgencyAsync(session, top.Name, root + "财政局", AgencyKind.Department, ct);
        var district = await ReportListDemo.AgencyAsync(session, top.Name, root + "测试区", AgencyKind.Government, ct);
        var street = await ReportListDemo.AgencyAsync(session, district.Name, root + "测试街道", AgencyKind.Township, ct);
        var reports = new List<Report>
        {
            await CreateAsync(session, top, 2022, null),
            await CreateAsync(session, education, 2021, "000_aef716c44369ab4f.txt"),
            await CreateAsync(session, education, 2022, "003_0b363b8c6b5339b4.txt"),
            await CreateAsync(session, finance, 2020, null),
            await CreateAsync(session, finance, 2022, "004_0a6fad6ec4f98190.txt"),
            await CreateAsync(session, district, 2022, null),
            await SubmitAsync(session, await CreateAsync(session, street, 2019, "003_0b363b8c6b5339b4.txt")),
        };

        // Re-read: the list shows the stored state after every step.
        for (var i = 0; i < reports.Count; i++)
        {
            reports[i] = await session.GetReportAsync(reports[i].Name, ct);
        }

        var all = await session.ListAllAgenciesAsync(top.Name, ct);
        return new ListTree(top, education, finance, district, reports, all.ToDictionary(a => a.Name, a => a));
    }

    public static async Task<ReportListScreen> OpenAsync(TuiShell shell, Agency root, ReportListSort sort = ReportListSort.LastUpdate)
    {
        var list = ReportListScreen.Open(shell, new ReportListFilter(Agency: root.Name, AgencyTitle: root.DisplayName), sort);
        await shell.SettleAsync();
        Assert.False(list.Loading);
        return list;
    }

    /// <summary>The list shows exactly <paramref name="expected"/> (any order) and says how many.</summary>
    public static void AssertNames(IEnumerable<Report> expected, ReportListScreen list)
    {
        var names = expected.Select(r => r.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(names, list.Reports.Select(r => r.Name).Order(StringComparer.Ordinal).ToList());
        Assert.Equal(names.Count, list.TotalSize);
    }

    /// <summary>A report from a seed file (imported, then stored under <paramref name="agency"/> for <paramref name="year"/>), or a blank one.</summary>
    private static async Task<Report> CreateAsync(ClientSession session, Agency agency, int year, string? seed)
    {
        var content = ReportListDemo.Content(agency, year, []);
        if (seed is not null)
        {
            var imported = await session.ImportAsync(await File.ReadAllBytesAsync(Seed(seed)), seed, CancellationToken.None);
            content = imported.Report;
            content.AgencyDisplayName = agency.DisplayName;
            content.AgencyKind = agency.Kind;
        }

        return await ReportListDemo.ReportAsync(session, agency, year, content, CancellationToken.None);
    }

    /// <summary>Submits with every warning justified (the seed has no errors), unless already submitted.</summary>
    private static async Task<Report> SubmitAsync(ClientSession session, Report report)
    {
        if (report.State != Report.Types.State.Draft)
        {
            return report;
        }

        var validation = await session.GetReportValidationAsync(report.Name, CancellationToken.None);
        var request = new SubmitReportRequest { Name = report.Name, Etag = report.Etag };
        request.Justifications.AddRange(validation.Findings
            .Where(f => f.Severity == Severity.Warning)
            .Select(f => f.StableKey)
            .Distinct()
            .Select(key => new Justification { FindingKey = key, Text = "经核对，数字无误。" }));
        return await session.SubmitReportAsync(request, CancellationToken.None);
    }
}

internal sealed record ListTree(Agency Root, Agency Education, Agency Finance, Agency District, IReadOnlyList<Report> Reports, IReadOnlyDictionary<string, Agency> Agencies)
{
    public bool InDistrict(Report report) => report.Agency == District.Name || Agencies[report.Agency].Parent == District.Name;
}
