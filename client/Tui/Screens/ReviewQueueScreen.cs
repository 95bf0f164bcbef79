using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// The reviewer's queue: the submitted reports of the caller's agency subtree (or of <c>parent</c>'s), oldest submission
/// first, with their finding counts. Enter opens the review screen; a approves (after a confirmation) and r returns (with a
/// required reason) straight from the list; F5 reloads. Wide terminals get more columns and a detail panel.
/// </summary>
public sealed class ReviewQueueScreen : IScreen
{
    private const int YearWidth = 6;
    private const int TimeWidth = 16;
    private const int CountWidth = 6;
    private const int ActionWidth = 10;

    private readonly TuiShell _shell;
    private readonly string? _parent;
    private readonly string? _scopeName;
    private IReadOnlyList<Report> _reports = [];
    private ListState _list;
    private int _viewHeight = 10;
    private int _loadSequence;

    /// <param name="parent">"agencies/{id}" to show only that subtree; null for everything the caller may see.</param>
    /// <param name="scopeName">The display name of <paramref name="parent"/>, for the title.</param>
    public ReviewQueueScreen(TuiShell shell, string? parent = null, string? scopeName = null)
    {
        ArgumentNullException.ThrowIfNull(shell);
        _shell = shell;
        _parent = parent;
        _scopeName = scopeName;
    }

    /// <summary>True once the first load has finished (successfully or not).</summary>
    public bool Loaded { get; private set; }

    /// <summary>The last load's failure, in Chinese; null after a successful load.</summary>
    public string? LoadError { get; private set; }

    /// <summary>The queue, oldest submission first.</summary>
    public IReadOnlyList<Report> Reports => _reports;

    public int Selected => _list.Selected;

    public Report? SelectedReport => _reports.Count == 0 ? null : _reports[Math.Min(_list.Selected, _reports.Count - 1)];

    public string Title => "审核队列";

    public bool IsOverlay => false;

    public bool CapturesText => false;

    public IReadOnlyList<KeyHint> StatusHints { get; } =
    [
        new KeyHint("Enter", "审核"), new KeyHint("a", "通过"), new KeyHint("r", "退回"), new KeyHint("F5", "刷新"), new KeyHint("Esc", "返回"),
    ];

    public IReadOnlyList<string> HelpText { get; } =
    [
        "审核队列：本机关及下级机关已提交、等待审核的报告，按提交时间从早到晚排列。",
        "↑/↓ PgUp/PgDn Home/End  选择报告",
        "Enter      打开审核界面（只读查看表格和问题，评论单元格，通过或退回）",
        "a          审核通过（需确认；不能审核自己填报或提交的报告）",
        "r          退回（必须填写退回理由）",
        "F5 或 g    刷新队列",
        "Esc        返回主菜单",
    ];

    public Point? Cursor => null;

    /// <summary>Opens the queue of everything the caller may review and starts loading it.</summary>
    public static void Open(TuiShell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var screen = new ReviewQueueScreen(shell);
        shell.Push(screen);
        shell.SetMessage("正在加载审核队列…");
        screen.Reload(announce: true);
    }

    /// <summary>
    /// The screen stack for the boot test and snapshots: the queue of a sample agency subtree the boot owns (created if
    /// missing, with one submitted report), so the view does not depend on what other boots created.
    /// </summary>
    public static async Task<IReadOnlyList<IScreen>> BootAsync(TuiShell shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var session = shell.RequireSession();
        var root = await ReviewSamples.EnsureSubmittedAsync(session, cancellationToken).ConfigureAwait(false);
        var screen = new ReviewQueueScreen(shell, root.Name, root.DisplayName);
        screen.Apply(await session.ListSubmittedReportsAsync(root.Name, cancellationToken).ConfigureAwait(false));
        return [new HomeScreen(shell), screen];
    }

    /// <summary>
    /// Reloads the queue, keeping the selected report selected when it is still there; <paramref name="announce"/> says how
    /// many reports wait in the message line (not after an action, whose own result stays there).
    /// </summary>
    public void Reload(bool announce = false)
    {
        var session = _shell.RequireSession();
        var sequence = ++_loadSequence;
        _shell.Run(
            ct => session.ListSubmittedReportsAsync(_parent, ct),
            reports =>
            {
                if (sequence == _loadSequence)
                {
                    Apply(reports);
                    if (announce)
                    {
                        _shell.SetMessage(reports.Count == 0 ? "审核队列为空" : $"审核队列：{reports.Count} 份报告等待审核");
                    }
                }
            },
            ex =>
            {
                Loaded = true;
                LoadError = ErrorText.Describe(ex);
                _shell.SetMessage("加载审核队列失败：" + LoadError, error: true);
            });
    }

    private void Apply(IReadOnlyList<Report> reports)
    {
        var selectedName = SelectedReport?.Name;
        _reports = reports;
        Loaded = true;
        LoadError = null;
        var index = selectedName is null ? -1 : reports.ToList().FindIndex(r => r.Name == selectedName);
        _list = new ListState(Math.Clamp(index >= 0 ? index : _list.Selected, 0, Math.Max(0, reports.Count - 1)), _list.Offset)
            .EnsureVisible(_viewHeight);
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (_list.TryNavigate(key.Key, _reports.Count, _viewHeight, out var moved))
        {
            _list = moved;
            return ScreenResult.Handled;
        }

        if (key.Key == Key.F5 || (key.IsPrintable && key.Rune.Value == 'g'))
        {
            _shell.SetMessage("正在刷新审核队列…");
            Reload(announce: true);
            return ScreenResult.Handled;
        }

        var report = SelectedReport;
        var command = key.Key == Key.Enter ? '\n' : key.IsPrintable && key.Modifiers == KeyModifiers.None ? (char)key.Rune.Value : '\0';
        if (command is not ('\n' or 'a' or 'r'))
        {
            return ScreenResult.Unhandled;
        }

        if (report is null)
        {
            _shell.SetMessage(Loaded ? "审核队列为空，没有可操作的报告" : "审核队列正在加载，请稍候", error: true);
            return ScreenResult.Handled;
        }

        switch (command)
        {
            case '\n':
                ReviewScreen.Open(_shell, report.Name, _ => Reload());
                return ScreenResult.Handled;
            case 'a':
                return ReviewActions.ConfirmApprove(_shell, report, _ => Reload());
            default:
                return ReviewActions.PromptReturn(_shell, report, [], [], _ => Reload());
        }
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        var titleRow = area.SplitTop(1, out var rest);
        var scope = _scopeName is null ? string.Empty : $" │ {_scopeName}及下级机关";
        var count = Loaded ? $"（{_reports.Count} 份待审）" : string.Empty;
        Chrome.TitleBar(buffer, titleRow, theme, "审核队列" + count + scope, _shell.Session?.DisplayName);

        var listArea = rest;
        var detailArea = default(Rect);
        if (rest.Width >= 120)
        {
            var detailWidth = Math.Clamp(rest.Width / 3, 40, 60);
            detailArea = new Rect(rest.Right - detailWidth, rest.Y, detailWidth, rest.Height);
            listArea = new Rect(rest.X, rest.Y, rest.Width - detailWidth, rest.Height);
        }

        var inner = Chrome.Panel(buffer, listArea, theme, "已提交、待审核的报告（按提交时间排序）", focused: true);
        if (inner.Height < 2)
        {
            return;
        }

        var footer = inner.Height >= 6 && detailArea.IsEmpty ? inner.SplitBottom(1, out inner) : default;
        var header = inner.SplitTop(1, out var rows);
        var wide = inner.Width >= 96;
        Label.Draw(buffer, header, " " + Row(inner.Width, "机关", "年度", "提交时间", "错误数", "警告数", wide ? "可执行" : null), theme.Header);
        _viewHeight = Math.Max(1, rows.Height);
        if (!Loaded || _reports.Count == 0)
        {
            var text = !Loaded ? "正在加载审核队列…" : LoadError is not null ? "加载失败：" + LoadError : "审核队列为空：没有等待审核的报告（F5 刷新）";
            Label.Draw(buffer, new Rect(rows.X, rows.Y + (rows.Height / 2), rows.Width, 1), text, theme.Dim, Alignment.Center);
            return;
        }

        _list = _list.EnsureVisible(_viewHeight);
        var clock = _shell.Options.Clock;
        var items = _reports.Select(r => Row(inner.Width - (_reports.Count > rows.Height ? 1 : 0), AgencyName(r), r.ReportYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ReviewText.Time(r.UpdateTime, clock), Count(r.ErrorCount), Count(r.WarningCount), wide ? ReviewText.Actions(r) : null)).ToList();
        ListView.Draw(buffer, rows, items, _list, theme);

        var selected = SelectedReport!;
        if (!footer.IsEmpty)
        {
            Label.Draw(buffer, footer, $"{ReviewText.Describe(selected)}  第 {selected.Revision} 版  可执行：{ReviewText.Actions(selected)}", theme.Dim);
        }

        if (!detailArea.IsEmpty)
        {
            DrawDetail(buffer, detailArea, selected, theme);
        }
    }

    private void DrawDetail(ScreenBuffer buffer, Rect area, Report report, Theme theme)
    {
        var inner = Chrome.Panel(buffer, area, theme, "报告", focused: false);
        var clock = _shell.Options.Clock;
        var lines = new List<string>
        {
            "机关：" + AgencyName(report),
            $"年度：{report.ReportYear}",
            "状态：" + ReviewText.State(report.State),
            "提交时间：" + ReviewText.Time(report.UpdateTime, clock),
            "创建时间：" + ReviewText.Time(report.CreateTime, clock),
            $"修订：第 {report.Revision} 版",
            $"校验：错误 {report.ErrorCount} 个，警告 {report.WarningCount} 个",
            "可执行：" + ReviewText.Actions(report),
            string.Empty,
            "Enter 打开审核（只读查看、标记、评论）",
            "a 审核通过    r 退回（须填写理由）",
        };
        var y = inner.Y;
        foreach (var line in lines.SelectMany(l => Chrome.Wrap(l, inner.Width)))
        {
            if (y >= inner.Bottom)
            {
                break;
            }

            buffer.SetString(inner.X, y++, line, theme.Normal, inner.Width);
        }
    }

    private static string AgencyName(Report report) => string.IsNullOrEmpty(report.AgencyDisplayName) ? report.Agency : report.AgencyDisplayName;

    private static string Count(int count) => count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>One row of columns in <paramref name="width"/> columns (the list's leading space and separators included).</summary>
    private static string Row(int width, string agency, string year, string time, string errors, string warnings, string? actions)
    {
        var fixedWidth = YearWidth + TimeWidth + (2 * CountWidth) + (actions is null ? 0 : ActionWidth + 1) + 4;
        var agencyWidth = Math.Max(8, width - 1 - fixedWidth);
        var row = ReviewText.Fit(agency, agencyWidth) + " " + ReviewText.Fit(year, YearWidth) + " " + ReviewText.Fit(time, TimeWidth) + " "
            + ReviewText.Fit(errors, CountWidth, right: true) + " " + ReviewText.Fit(warnings, CountWidth, right: true);
        return actions is null ? row : row + "  " + ReviewText.Fit(actions, ActionWidth - 1);
    }
}
