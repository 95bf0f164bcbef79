using System.Globalization;
using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// The reports the caller may see (ListReports): a filter bar (year, agency subtree, state, only with errors, sort), a
/// table with as many columns as the terminal is wide, <c>/</c> incremental search, pages loaded as the selection
/// passes the end. Enter opens the report in the editor, h its history.
/// </summary>
public sealed class ReportListScreen : IScreen
{
    /// <summary>Reports per ListReports page.</summary>
    public const int DefaultPageSize = 50;

    private static readonly ReportListColumn[] Columns =
    [
        new("机关", 14, Flex: true),
        new("年度", 4, Alignment.Right),
        new("状态", 10),
        new("错误", 4, Alignment.Right),
        new("警告", 4, Alignment.Right),
        new("修订", 4, Alignment.Right, MinTableWidth: 90),
        new("格式", 7, MinTableWidth: 100),
        new("最后更新", 11),
        new("创建时间", 11, MinTableWidth: 118),
        new("资源名称", 26, MinTableWidth: 160),
    ];

    private static readonly string[] FieldNames = ["年度", "机关", "状态", "仅含错误", "排序"];

    private readonly TuiShell _shell;
    private readonly int _pageSize;
    private readonly List<Report> _reports = [];
    private ListState _list;
    private int _viewHeight = 10;
    private Mode _mode;
    private int _field;
    private string _yearDigits = string.Empty;
    private TextInputState _search = TextInputState.Empty;
    private int _searchOrigin;
    private string _nextPageToken = string.Empty;
    private int _generation;
    private bool _loadingMore;

    internal ReportListScreen(TuiShell shell, ReportListFilter? filter = null, ReportListSort sort = ReportListSort.LastUpdate, int pageSize = DefaultPageSize)
    {
        ArgumentNullException.ThrowIfNull(shell);
        _shell = shell;
        Filter = filter ?? new ReportListFilter();
        Sort = sort;
        _pageSize = pageSize;
    }

    private enum Mode
    {
        List,
        FilterBar,
        Search,
    }

    public string Title => "报告列表";

    public bool IsOverlay => false;

    public bool CapturesText => _mode != Mode.List;

    internal ReportListFilter Filter { get; private set; }

    internal ReportListSort Sort { get; private set; }

    /// <summary>The reports loaded so far, in display order.</summary>
    internal IReadOnlyList<Report> Reports => _reports;

    internal int Selected => _list.Selected;

    internal Report? SelectedReport => _list.Selected < _reports.Count ? _reports[_list.Selected] : null;

    /// <summary>Reports matching the filters on the server (all pages).</summary>
    internal int TotalSize { get; private set; }

    /// <summary>True while the first page of the current filters has not arrived.</summary>
    internal bool Loading { get; private set; }

    internal bool HasMore => !string.IsNullOrEmpty(_nextPageToken);

    /// <summary>The last search text (n/N repeat it).</summary>
    internal string SearchText => _search.Text;

    internal bool EditingFilters => _mode == Mode.FilterBar;

    internal int FilterField => _field;

    public IReadOnlyList<KeyHint> StatusHints => _mode switch
    {
        Mode.Search => [new KeyHint("Enter", "确定"), new KeyHint("Esc", "取消查找")],
        Mode.FilterBar => [new KeyHint("←→", "选项"), new KeyHint("↑↓", "更改"), new KeyHint("Enter", "机关/完成"), new KeyHint("Esc", "完成")],
        _ => [new KeyHint("Enter", "打开"), new KeyHint("h", "历史"), new KeyHint("f", "筛选"), new KeyHint("s", "排序"), new KeyHint("/", "查找"), new KeyHint("r", "刷新"), new KeyHint("Esc", "返回")],
    };

    public IReadOnlyList<string> HelpText { get; } =
    [
        "报告列表：当前用户可查看的报告。",
        "↑/↓ PgUp/PgDn Home/End  选择（越过末尾时自动加载下一页）",
        "Enter  在编辑器中打开    h  修订历史与审计记录    r/F5  刷新",
        "f/Tab  编辑筛选栏：←/→ 选择项目，↑/↓ 更改，年度可直接输入数字，",
        "       机关项按 Enter 选择机关（含下级机关），Esc 完成",
        "y  年度    a  选择机关    t  切换状态    e  仅含错误    s  切换排序",
        "/  按机关名称、年度或状态查找（边输入边跳转），Enter 确定，n/N 下一个/上一个",
        "各种排序均由服务器完成，按页加载；机关按名称排序。",
        "状态排序：草稿、已提交、已退回、已审核通过、已重新打开。",
    ];

    public Point? Cursor { get; private set; }

    /// <summary>Opens the list (all reports the caller may see, last change first) and starts loading it.</summary>
    public static void Open(TuiShell shell) => Open(shell, new ReportListFilter());

    internal static ReportListScreen Open(TuiShell shell, ReportListFilter filter, ReportListSort sort = ReportListSort.LastUpdate, int pageSize = DefaultPageSize)
    {
        var screen = new ReportListScreen(shell, filter, sort, pageSize);
        shell.Push(screen);
        screen.Reload();
        return screen;
    }

    /// <summary>The example agency tree's reports (created on first boot), in agency order, loaded.</summary>
    public static async Task<IReadOnlyList<IScreen>> BootAsync(TuiShell shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var session = shell.RequireSession();
        var root = await ReportListDemo.EnsureListDataAsync(session, cancellationToken).ConfigureAwait(false);
        var screen = new ReportListScreen(shell, new ReportListFilter(Agency: root.Name, AgencyTitle: root.DisplayName), ReportListSort.Agency);
        var page = await ReportListQuery.FetchAsync(session, screen.Filter, screen.Sort, string.Empty, screen._pageSize, cancellationToken).ConfigureAwait(false);
        screen.Apply(screen._generation, page, append: false, keep: null);
        return [new HomeScreen(shell), screen];
    }

    /// <summary>Reloads the first page with the current filters, keeping the selected report selected if it is still listed.</summary>
    internal void Reload()
    {
        var keep = SelectedReport?.Name;
        var generation = ++_generation;
        Loading = true;
        _loadingMore = false;
        var session = _shell.RequireSession();
        var (filter, sort, size) = (Filter, Sort, _pageSize);
        _shell.Run(
            ct => ReportListQuery.FetchAsync(session, filter, sort, string.Empty, size, ct),
            page => Apply(generation, page, append: false, keep),
            ex =>
            {
                if (generation == _generation)
                {
                    Loading = false;
                    _shell.ShowError(ex);
                }
            });
    }

    /// <summary>Sets the filters and reloads.</summary>
    internal void SetFilter(ReportListFilter filter)
    {
        Filter = filter;
        _yearDigits = filter.Year == 0 ? string.Empty : filter.Year.ToString(CultureInfo.InvariantCulture);
        Reload();
    }

    internal void SetSort(ReportListSort sort)
    {
        Sort = sort;
        Reload();
    }

    public ScreenResult HandleKey(KeyEvent key) => _mode switch
    {
        Mode.Search => HandleSearchKey(key),
        Mode.FilterBar => HandleFilterKey(key),
        _ => HandleListKey(key),
    };

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        Cursor = null;
        var title = area.SplitTop(1, out var rest);
        Chrome.TitleBar(buffer, title, theme, "报告列表", _shell.Session?.DisplayName);
        if (rest.Height < 3)
        {
            return;
        }

        var bar = rest.SplitTop(1, out rest);
        DrawFilterBar(buffer, bar, theme);
        var footer = rest.SplitBottom(1, out var table);
        _viewHeight = ReportListTable.VisibleRows(table);
        if (_reports.Count == 0)
        {
            buffer.Fill(table, ' ', theme.Normal);
            var text = Loading ? "正在加载…" : "没有符合条件的报告（按 f 修改筛选条件）";
            Label.Draw(buffer, new Rect(table.X + 1, table.Y + 1, Math.Max(0, table.Width - 1), 1), text, theme.Dim);
        }
        else
        {
            _list = ReportListTable.Draw(buffer, table, Columns, _reports.Count, CellText, _list, theme, focused: _mode != Mode.FilterBar,
                rowStyle: i => _reports[i].ErrorCount > 0 ? theme.Finding : null);
        }

        DrawFooter(buffer, footer, theme);
    }

    private string CellText(int row, int column)
    {
        var r = _reports[row];
        var clock = _shell.Options.Clock;
        return column switch
        {
            0 => r.AgencyDisplayName,
            1 => r.ReportYear.ToString(CultureInfo.InvariantCulture),
            2 => ReportListText.State(r.State),
            3 => r.ErrorCount.ToString(CultureInfo.InvariantCulture),
            4 => r.WarningCount.ToString(CultureInfo.InvariantCulture),
            5 => r.Revision.ToString(CultureInfo.InvariantCulture),
            6 => ReportListText.Template(r.Template),
            7 => ReportListText.Time(r.UpdateTime, clock),
            8 => ReportListText.Time(r.CreateTime, clock),
            _ => r.Name,
        };
    }

    private void DrawFilterBar(ScreenBuffer buffer, Rect bar, Theme theme)
    {
        buffer.Fill(bar, ' ', theme.Normal);
        var values = new[]
        {
            _mode == Mode.FilterBar && _field == 0 && _yearDigits.Length is > 0 and < 4 ? _yearDigits + "_" : Filter.Year == 0 ? "全部" : Filter.Year.ToString(CultureInfo.InvariantCulture),
            Filter.AgencyTitle,
            ReportListText.State(Filter.State),
            Filter.HasErrors ? "是" : "否",
            ReportListQuery.Name(Sort) + (Sort is ReportListSort.LastUpdate or ReportListSort.Year or ReportListSort.Errors ? "↓" : "↑"),
        };

        // The agency name takes what the other fields leave, so the bar fits one row at 80 columns.
        var fixedWidth = 0;
        for (var i = 0; i < values.Length; i++)
        {
            fixedWidth += buffer.Measure(FieldNames[i]) + 2 + (i == 1 ? 0 : buffer.Measure(values[i])) + 3;
        }

        values[1] = buffer.Truncate(values[1], Math.Max(4, bar.Width - fixedWidth - 1));
        var x = bar.X;
        for (var i = 0; i < values.Length && x < bar.Right; i++)
        {
            if (i > 0)
            {
                x += buffer.SetString(x, bar.Y, " │ ", theme.Border, bar.Right - x);
            }

            var focused = _mode == Mode.FilterBar && _field == i;
            x += buffer.SetString(x, bar.Y, FieldNames[i] + "：", focused ? theme.Header : theme.Dim, bar.Right - x);
            x += buffer.SetString(x, bar.Y, values[i], focused ? theme.Selected : theme.Normal, bar.Right - x);
        }
    }

    private void DrawFooter(ScreenBuffer buffer, Rect footer, Theme theme)
    {
        if (_mode == Mode.Search)
        {
            buffer.Fill(footer, ' ', theme.Normal);
            var w = buffer.SetString(footer.X, footer.Y, "查找：", theme.Header, footer.Width);
            Cursor = TextInput.Draw(buffer, new Rect(footer.X + w, footer.Y, Math.Max(0, footer.Width - w), 1), _search, theme.Input);
            return;
        }

        var text = string.Create(CultureInfo.InvariantCulture, $"共 {TotalSize} 份，已加载 {_reports.Count} 份");
        if (_reports.Count > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"，第 {_list.Selected + 1} 份");
        }

        if (HasMore)
        {
            text += _loadingMore ? "，正在加载下一页…" : "，向下翻可加载更多";
        }

        if (!string.IsNullOrEmpty(_search.Text))
        {
            text += $"　查找“{_search.Text}”：n 下一个，N 上一个";
        }

        Label.Draw(buffer, footer, text, theme.Dim);
    }

    private ScreenResult HandleListKey(KeyEvent key)
    {
        switch (key.Key)
        {
            case Key.Up:
                return Move(-1);
            case Key.Down:
                return Move(1);
            case Key.PageUp:
                return Move(-_viewHeight);
            case Key.PageDown:
                return Move(_viewHeight);
            case Key.Home:
                return Move(-_reports.Count);
            case Key.End:
                return Move(_reports.Count);
            case Key.Enter:
                if (SelectedReport is { } report)
                {
                    // A save or submission there changes this list's row (state, findings): reload it when one is stored.
                    EditorScreen.Open(_shell, report.Name, _ => Reload());
                }

                return ScreenResult.Handled;
            case Key.Tab:
                _mode = Mode.FilterBar;
                return ScreenResult.Handled;
            case Key.F5:
                Reload();
                return ScreenResult.Handled;
            default:
                break;
        }

        if (!key.IsPrintable)
        {
            return ScreenResult.Unhandled;
        }

        switch (key.Rune.Value)
        {
            case 'h':
                if (SelectedReport is { } selected)
                {
                    HistoryScreen.Open(_shell, selected.Name, _ => Reload());
                }

                return ScreenResult.Handled;
            case '/':
                _mode = Mode.Search;
                _searchOrigin = _list.Selected;
                _search = TextInputState.Empty;
                return ScreenResult.Handled;
            case 'n':
                return Jump(_list.Selected + 1, 1);
            case 'N':
                return Jump(_list.Selected - 1, -1);
            case 'f':
                _mode = Mode.FilterBar;
                return ScreenResult.Handled;
            case 'y':
                _mode = Mode.FilterBar;
                _field = 0;
                return ScreenResult.Handled;
            case 'a':
                return PickAgency();
            case 't':
                ChangeField(2, 1);
                return ScreenResult.Handled;
            case 'e':
                ChangeField(3, 1);
                return ScreenResult.Handled;
            case 's':
                ChangeField(4, 1);
                return ScreenResult.Handled;
            case 'r':
                Reload();
                return ScreenResult.Handled;
            default:
                return ScreenResult.Unhandled;
        }
    }

    private ScreenResult HandleFilterKey(KeyEvent key)
    {
        switch (key.Key)
        {
            case Key.Escape or Key.Tab:
                LeaveFilterBar();
                return ScreenResult.Handled;
            case Key.Left:
                _field = (_field + FieldNames.Length - 1) % FieldNames.Length;
                return ScreenResult.Handled;
            case Key.Right:
                _field = (_field + 1) % FieldNames.Length;
                return ScreenResult.Handled;
            case Key.Up:
                return ChangeField(_field, -1);
            case Key.Down:
                return ChangeField(_field, 1);
            case Key.Enter:
                if (_field == 1)
                {
                    return PickAgency();
                }

                LeaveFilterBar();
                return ScreenResult.Handled;
            case Key.Backspace or Key.Delete when _field == 0:
                // A partly typed year loses its last digit; a complete one is cleared (全部).
                if (key.Key == Key.Backspace && _yearDigits.Length is > 0 and < 4)
                {
                    _yearDigits = _yearDigits[..^1];
                }
                else if (Filter.Year != 0)
                {
                    SetFilter(Filter with { Year = 0 });
                }

                return ScreenResult.Handled;
            default:
                break;
        }

        if (key.IsPrintable && key.Rune.Value == ' ')
        {
            return ChangeField(_field, 1);
        }

        if (_field == 0 && key.IsPrintable && key.Rune.Value is >= '0' and <= '9')
        {
            // Typing a year: the filter changes once four digits are in.
            _yearDigits = (_yearDigits.Length >= 4 ? string.Empty : _yearDigits) + (char)key.Rune.Value;
            if (_yearDigits.Length == 4)
            {
                SetFilter(Filter with { Year = int.Parse(_yearDigits, CultureInfo.InvariantCulture) });
            }

            return ScreenResult.Handled;
        }

        // Other keys are swallowed so that q or a letter typed here does not act on the list.
        return ScreenResult.Handled;
    }

    private void LeaveFilterBar()
    {
        _mode = Mode.List;

        // Digits of an unfinished year are dropped.
        _yearDigits = Filter.Year == 0 ? string.Empty : Filter.Year.ToString(CultureInfo.InvariantCulture);
    }

    private ScreenResult HandleSearchKey(KeyEvent key)
    {
        switch (key.Key)
        {
            case Key.Escape:
                _mode = Mode.List;
                _search = TextInputState.Empty;
                _list = _list with { Selected = Math.Min(_searchOrigin, Math.Max(0, _reports.Count - 1)) };
                return ScreenResult.Handled;
            case Key.Enter:
                _mode = Mode.List;
                return ScreenResult.Handled;
            default:
                break;
        }

        if (_search.TryApply(key, out var next))
        {
            var changed = next.Text != _search.Text;
            _search = next;
            if (changed)
            {
                // Incremental: the first match at or after where the search started.
                Jump(_searchOrigin, 1);
            }
        }

        return ScreenResult.Handled;
    }

    private ScreenResult Move(int delta)
    {
        if (_reports.Count == 0)
        {
            return ScreenResult.Handled;
        }

        var wanted = _list.Selected + delta;
        _list = _list.Move(delta, _reports.Count, _viewHeight);
        if (wanted >= _reports.Count)
        {
            LoadMore();
        }

        return ScreenResult.Handled;
    }

    /// <summary>Selects the next report from <paramref name="start"/> (wrapping) matching the search text.</summary>
    private ScreenResult Jump(int start, int step)
    {
        var query = _search.Text.Trim();
        if (query.Length == 0)
        {
            _shell.SetMessage("请先按 / 输入查找内容");
            return ScreenResult.Handled;
        }

        var count = _reports.Count;
        for (var i = 0; i < count; i++)
        {
            var index = ((start + (i * step)) % count + count) % count;
            if (ReportListQuery.Matches(_reports[index], query))
            {
                _list = (_list with { Selected = index }).EnsureVisible(_viewHeight);
                _shell.SetMessage(null);
                return ScreenResult.Handled;
            }
        }

        _shell.SetMessage(HasMore ? $"已加载的报告中没有“{query}”（向下翻可加载更多）" : $"没有找到“{query}”", error: true);
        return ScreenResult.Handled;
    }

    private ScreenResult ChangeField(int field, int step)
    {
        switch (field)
        {
            case 0:
                var year = Filter.Year == 0 ? _shell.Options.Clock.GetLocalNow().Year - 1 : Filter.Year + (step > 0 ? -1 : 1);
                SetFilter(Filter with { Year = year });
                break;
            case 1:
                return PickAgency();
            case 2:
                var states = ReportListText.States;
                var index = Array.IndexOf(states, Filter.State);
                SetFilter(Filter with { State = states[((index + step) % states.Length + states.Length) % states.Length] });
                break;
            case 3:
                SetFilter(Filter with { HasErrors = !Filter.HasErrors });
                break;
            default:
                var sorts = Enum.GetValues<ReportListSort>();
                SetSort(sorts[(((int)Sort + step) % sorts.Length + sorts.Length) % sorts.Length]);
                break;
        }

        return ScreenResult.Handled;
    }

    private ScreenResult PickAgency()
    {
        var session = _shell.RequireSession();
        _shell.Run(
            ct => session.ListAllAgenciesAsync(string.Empty, ct),
            agencies => _shell.Push(new ReportListAgencyPicker(_shell, agencies, Filter.Agency,
                (name, title) => SetFilter(Filter with { Agency = name, AgencyTitle = title }))));
        return ScreenResult.Handled;
    }

    private void LoadMore()
    {
        if (!HasMore || _loadingMore || Loading)
        {
            return;
        }

        _loadingMore = true;
        var generation = _generation;
        var session = _shell.RequireSession();
        var (filter, sort, token, size) = (Filter, Sort, _nextPageToken, _pageSize);
        _shell.Run(
            ct => ReportListQuery.FetchAsync(session, filter, sort, token, size, ct),
            page => Apply(generation, page, append: true, keep: null),
            ex =>
            {
                if (generation == _generation)
                {
                    _loadingMore = false;
                    _shell.ShowError(ex);
                }
            });
    }

    private void Apply(int generation, ReportListPage page, bool append, string? keep)
    {
        if (generation != _generation)
        {
            // The filters changed while this page was on its way.
            return;
        }

        var wasAtEnd = append && _list.Selected == _reports.Count - 1;
        if (!append)
        {
            _reports.Clear();
        }

        _reports.AddRange(page.Reports);
        _nextPageToken = page.NextPageToken;
        TotalSize = page.TotalSize;
        Loading = false;
        _loadingMore = false;
        if (!append)
        {
            var index = keep is null ? -1 : _reports.FindIndex(r => r.Name == keep);
            _list = new ListState(Math.Max(0, index)).EnsureVisible(_viewHeight);
        }
        else if (wasAtEnd && page.Reports.Count > 0)
        {
            // The user scrolled past the end: carry on onto the first new report.
            _list = _list.Move(1, _reports.Count, _viewHeight);
        }
    }
}
