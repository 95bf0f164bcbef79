using System.Globalization;
using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// The history of one report, in two tabs: its content revisions (ListReportRevisions) with the cell-level differences
/// between the selected revision and the one before it, or between two marked revisions (CompareReportRevisions); and
/// its audit trail (ListReportEvents: who did what, state changes, reasons, cells named).
/// </summary>
public sealed class HistoryScreen : IScreen
{
    private static readonly ReportListColumn[] RevisionColumns =
    [
        new("标记", 4),
        new("修订", 4, Alignment.Right),
        new("时间", 11),
        new("操作", 4),
        new("作者", 8, Flex: true),
    ];

    private static readonly ReportListColumn[] DiffColumns =
    [
        new("项目", 16, Flex: true),
        new("地址", 44, MinTableWidth: 100),
        new("修改前", 8, Alignment.Right),
        new("修改后", 8, Alignment.Right),
    ];

    private static readonly ReportListColumn[] EventColumns =
    [
        new("时间", 11),
        new("操作人", 8, Flex: true),
        new("操作", 8),
        new("状态变化", 19),
        new("原因或评论", 12, Flex: true),
        new("单元格", 20, MinTableWidth: 130),
    ];

    private readonly TuiShell _shell;
    private readonly Dictionary<(int From, int To), CompareReportRevisionsResponse> _diffs = [];
    private readonly List<int> _marked = [];
    private HistoryData? _data;
    private ListState _revisions;
    private ListState _diffRows;
    private ListState _events;
    private int _viewHeight = 5;
    private int _diffHeight = 5;
    private Action<Report>? _onStored;

    internal HistoryScreen(TuiShell shell, string reportName)
    {
        ArgumentNullException.ThrowIfNull(shell);
        _shell = shell;
        ReportName = reportName;
    }

    public string Title => "修订历史";

    public bool IsOverlay => false;

    public bool CapturesText => false;

    public string ReportName { get; }

    /// <summary>0 = revisions, 1 = audit trail.</summary>
    internal int Tab { get; private set; }

    internal IReadOnlyList<ReportRevision> Revisions => _data?.Revisions ?? [];

    internal IReadOnlyList<ReportEvent> Events => _data?.Events ?? [];

    internal ReportRevision? SelectedRevision => _revisions.Selected < Revisions.Count ? Revisions[_revisions.Selected] : null;

    internal int SelectedEvent => _events.Selected;

    /// <summary>Revision numbers marked with Space (at most two).</summary>
    internal IReadOnlyList<int> Marked => _marked;

    /// <summary>The pair of revisions the diff pane compares now, or null (the first revision has nothing before it).</summary>
    internal (int From, int To)? DiffPair
    {
        get
        {
            if (_marked.Count == 2)
            {
                return (Math.Min(_marked[0], _marked[1]), Math.Max(_marked[0], _marked[1]));
            }

            var selected = SelectedRevision;
            if (selected is null)
            {
                return null;
            }

            var index = _revisions.Selected;
            return index == 0 ? null : (Revisions[index - 1].Number, selected.Number);
        }
    }

    /// <summary>The lines of the diff pane (empty until the comparison has arrived).</summary>
    internal IReadOnlyList<HistoryDiffRow> DiffRows =>
        DiffPair is { } pair && _diffs.TryGetValue(pair, out var diff) ? HistoryDiff.Rows(diff, _data?.Templates ?? []) : [];

    public IReadOnlyList<KeyHint> StatusHints => Tab == 0
        ? [new KeyHint("Tab", "审计记录"), new KeyHint("↑↓", "修订"), new KeyHint("空格", "标记"), new KeyHint("PgDn", "翻差异"), new KeyHint("Enter", "打开"), new KeyHint("Esc", "返回")]
        : [new KeyHint("Tab", "修订"), new KeyHint("↑↓", "选择"), new KeyHint("Enter", "打开"), new KeyHint("Esc", "返回")];

    public IReadOnlyList<string> HelpText { get; } =
    [
        "修订历史：报告的每次内容保存（修订）和全部审计记录。",
        "Tab / 1 / 2  切换“修订”和“审计记录”",
        "修订：↑/↓ 选择修订，右侧（窄屏在下方）显示与前一修订相比改动的单元格和正文；",
        "      空格 标记修订，标记两个时比较这两个修订；c 清除标记；PgUp/PgDn 滚动差异",
        "审计记录：时间、操作人、操作、状态变化、原因或评论、涉及的单元格；下方显示所选记录全文",
        "Enter  在编辑器中打开报告    r/F5  刷新    Esc  返回",
    ];

    public Point? Cursor => null;

    /// <summary>Opens the history of <paramref name="reportName"/> and starts loading it.</summary>
    /// <param name="onStored">Passed on to the editor opened from here (see <see cref="EditorScreen.Open"/>).</param>
    public static void Open(TuiShell shell, string reportName, Action<Report>? onStored = null)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var screen = new HistoryScreen(shell, reportName) { _onStored = onStored };
        shell.Push(screen);
        screen.Reload();
    }

    /// <summary>The history of the example report (created on first boot) with the newest revision's diff, loaded.</summary>
    public static async Task<IReadOnlyList<IScreen>> BootAsync(TuiShell shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var session = shell.RequireSession();
        var name = await ReportListDemo.EnsureHistoryDataAsync(session, cancellationToken).ConfigureAwait(false);
        var screen = new HistoryScreen(shell, name);
        screen.Apply(await LoadAsync(session, name, cancellationToken).ConfigureAwait(false));
        if (screen.DiffPair is { } pair)
        {
            screen._diffs[pair] = await session.CompareReportRevisionsAsync(name, pair.From, pair.To, cancellationToken).ConfigureAwait(false);
        }

        return [new HomeScreen(shell), screen];
    }

    /// <summary>Reloads revisions and events (the diffs already read stay: revisions never change).</summary>
    internal void Reload()
    {
        var session = _shell.RequireSession();
        _shell.Run(ct => LoadAsync(session, ReportName, ct), data =>
        {
            Apply(data);
            RequestDiff();
        });
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        switch (key.Key)
        {
            case Key.Tab:
                Tab = 1 - Tab;
                return ScreenResult.Handled;
            case Key.Enter:
                // A save in the editor adds a revision and events: reload behind it, and tell whoever opened this screen.
                EditorScreen.Open(_shell, ReportName, stored =>
                {
                    Reload();
                    _onStored?.Invoke(stored);
                });
                return ScreenResult.Handled;
            case Key.F5:
                Reload();
                return ScreenResult.Handled;
            case Key.Up or Key.Down or Key.Home or Key.End:
                var delta = key.Key switch { Key.Up => -1, Key.Down => 1, Key.Home => -10_000, _ => 10_000 };
                MoveSelection(delta);
                return ScreenResult.Handled;
            case Key.PageUp or Key.PageDown:
                var page = key.Key == Key.PageUp ? -1 : 1;
                if (Tab == 0)
                {
                    _diffRows = _diffRows.Move(page * _diffHeight, DiffRows.Count, _diffHeight);
                }
                else
                {
                    _events = _events.Move(page * _viewHeight, Events.Count, _viewHeight);
                }

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
            case '1':
                Tab = 0;
                return ScreenResult.Handled;
            case '2':
                Tab = 1;
                return ScreenResult.Handled;
            case ' ' when Tab == 0:
                ToggleMark();
                return ScreenResult.Handled;
            case 'c' when Tab == 0:
                _marked.Clear();
                _diffRows = default;
                RequestDiff();
                return ScreenResult.Handled;
            case 'r':
                Reload();
                return ScreenResult.Handled;
            default:
                return ScreenResult.Unhandled;
        }
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        var title = area.SplitTop(1, out var rest);
        var heading = _data?.Report is { } report
            ? string.Create(CultureInfo.InvariantCulture, $"修订历史 │ {report.AgencyDisplayName} {report.ReportYear} 年度报告")
            : "修订历史";
        Chrome.TitleBar(buffer, title, theme, heading, _shell.Session?.DisplayName);
        if (rest.Height < 3)
        {
            return;
        }

        var tabs = rest.SplitTop(1, out rest);
        TabBar.Draw(buffer, tabs, [$"1 修订（{Revisions.Count}）", $"2 审计记录（{Events.Count}）"], Tab, theme);
        buffer.Fill(rest, ' ', theme.Normal);
        if (_data is null)
        {
            Label.Draw(buffer, new Rect(rest.X + 1, rest.Y + 1, Math.Max(0, rest.Width - 1), 1), "正在加载…", theme.Dim);
            return;
        }

        if (Tab == 0)
        {
            DrawRevisions(buffer, rest, theme);
        }
        else
        {
            DrawEvents(buffer, rest, theme);
        }
    }

    private static async Task<HistoryData> LoadAsync(ClientSession session, string name, CancellationToken cancellationToken)
    {
        var report = await session.GetReportAsync(name, cancellationToken).ConfigureAwait(false);
        var revisions = await session.ListReportRevisionsAsync(name, cancellationToken).ConfigureAwait(false);
        var events = await session.ListReportEventsAsync(name, cancellationToken).ConfigureAwait(false);
        var users = await ReportListText.UserNamesAsync(session, cancellationToken).ConfigureAwait(false);
        var templates = await session.ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
        var comments = await session.ListCommentsAsync(name, cancellationToken).ConfigureAwait(false);
        return new HistoryData(report, revisions.Revisions, events.Events, WithNamesFrom(users, events.Events, comments.Comments), templates,
            comments.Comments);
    }

    /// <summary>
    /// Adds the names the server puts on events and comments (for every reader, while ListUsers is for administrators
    /// only). Every revision's author is the actor of its "created"/"updated" event, so the revisions tab is named too.
    /// </summary>
    private static Dictionary<string, string> WithNamesFrom(IReadOnlyDictionary<string, string> users, IEnumerable<ReportEvent> events,
        IEnumerable<Comment> comments)
    {
        var names = new Dictionary<string, string>(users, StringComparer.Ordinal);
        foreach (var (user, name) in events.Select(e => (e.Actor, e.ActorDisplayName)).Concat(comments.Select(c => (c.Author, c.AuthorDisplayName))))
        {
            if (!string.IsNullOrWhiteSpace(name) && !string.IsNullOrEmpty(user))
            {
                names.TryAdd(user, name);
            }
        }

        return names;
    }

    private void Apply(HistoryData data)
    {
        var first = _data is null;
        _data = data;
        if (first)
        {
            // Newest revision and newest event first in view: that is usually what one comes to look at.
            _revisions = new ListState(Math.Max(0, data.Revisions.Count - 1)).EnsureVisible(_viewHeight);
            _events = new ListState(Math.Max(0, data.Events.Count - 1)).EnsureVisible(_viewHeight);
        }
        else
        {
            _revisions = _revisions.Move(0, data.Revisions.Count, _viewHeight);
            _events = _events.Move(0, data.Events.Count, _viewHeight);
        }
    }

    private void MoveSelection(int delta)
    {
        if (Tab == 1)
        {
            _events = _events.Move(delta, Events.Count, _viewHeight);
            return;
        }

        var before = DiffPair;
        _revisions = _revisions.Move(delta, Revisions.Count, _viewHeight);
        if (DiffPair != before)
        {
            _diffRows = default;
            RequestDiff();
        }
    }

    private void ToggleMark()
    {
        if (SelectedRevision is not { } revision)
        {
            return;
        }

        if (!_marked.Remove(revision.Number))
        {
            if (_marked.Count == 2)
            {
                // A third mark replaces the older one.
                _marked.RemoveAt(0);
            }

            _marked.Add(revision.Number);
        }

        _diffRows = default;
        RequestDiff();
    }

    /// <summary>Fetches the comparison the diff pane needs, unless it is cached.</summary>
    private void RequestDiff()
    {
        if (DiffPair is not { } pair || _diffs.ContainsKey(pair))
        {
            return;
        }

        var session = _shell.RequireSession();
        _shell.Run(ct => session.CompareReportRevisionsAsync(ReportName, pair.From, pair.To, ct), diff => _diffs[pair] = diff);
    }

    private void DrawRevisions(ScreenBuffer buffer, Rect area, Theme theme)
    {
        Rect listArea;
        Rect diffArea;
        if (area.Width >= 100)
        {
            var w = Math.Min(48, area.Width * 2 / 5);
            listArea = new Rect(area.X, area.Y, w, area.Height);
            diffArea = new Rect(area.X + w, area.Y, area.Width - w, area.Height);
        }
        else
        {
            var listHeight = Math.Clamp(Revisions.Count + 3, 4, Math.Max(4, area.Height / 2));
            listArea = area.SplitTop(Math.Min(listHeight, area.Height), out diffArea);
        }

        var inner = Chrome.Panel(buffer, listArea, theme, "修订", focused: true);
        _viewHeight = ReportListTable.VisibleRows(inner);
        var users = _data!.Users;
        var clock = _shell.Options.Clock;
        _revisions = ReportListTable.Draw(buffer, inner, RevisionColumns, Revisions.Count, (row, column) =>
        {
            var r = Revisions[row];
            return column switch
            {
                0 => _marked.Contains(r.Number) ? " *" : string.Empty,
                1 => "#" + r.Number.ToString(CultureInfo.InvariantCulture),
                2 => ReportListText.Time(r.CreateTime, clock),
                3 => ReportListText.Action(r.Action),
                _ => ReportListText.User(r.Author, users),
            };
        }, _revisions, theme);
        DrawDiff(buffer, diffArea, theme);
    }

    private void DrawDiff(ScreenBuffer buffer, Rect area, Theme theme)
    {
        var pair = DiffPair;
        var title = pair is { } p ? string.Create(CultureInfo.InvariantCulture, $"差异 #{p.From} → #{p.To}") : "差异";
        var inner = Chrome.Panel(buffer, area, theme, title, focused: false);
        if (inner.IsEmpty)
        {
            return;
        }

        var line = new Rect(inner.X, inner.Y, inner.Width, 1);
        if (pair is null)
        {
            Label.Draw(buffer, line, Revisions.Count == 0 ? "没有修订" : "这是第一个修订（创建），没有更早的修订可比较；按空格标记两个修订可比较任意两个", theme.Dim);
            return;
        }

        if (!_diffs.TryGetValue(pair.Value, out var diff))
        {
            Label.Draw(buffer, line, "正在比较…", theme.Dim);
            return;
        }

        var how = _marked.Count == 2 ? "已标记的两个修订" : "与前一修订相比";
        Label.Draw(buffer, line, $"{how}：{HistoryDiff.Summary(diff)}", theme.Header);
        var table = new Rect(inner.X, inner.Y + 1, inner.Width, Math.Max(0, inner.Height - 1));
        _diffHeight = ReportListTable.VisibleRows(table);
        var rows = HistoryDiff.Rows(diff, _data?.Templates ?? []);
        if (rows.Count == 0)
        {
            return;
        }

        // The diff pane scrolls (PgUp/PgDn) but has no selection of its own: draw it unfocused.
        _diffRows = ReportListTable.Draw(buffer, table, DiffColumns, rows.Count, (row, column) => column switch
        {
            0 => rows[row].Item,
            1 => rows[row].Where,
            2 => rows[row].Before,
            _ => rows[row].After,
        }, _diffRows, theme, focused: false, rowStyle: i => rows[i].IsPart ? theme.Dim : null);
    }

    private void DrawEvents(ScreenBuffer buffer, Rect area, Theme theme)
    {
        var detailHeight = area.Height >= 14 ? 6 : area.Height >= 9 ? 4 : 0;
        var detail = detailHeight > 0 ? area.SplitBottom(detailHeight, out area) : default;
        var inner = Chrome.Panel(buffer, area, theme, "审计记录", focused: true);
        _viewHeight = ReportListTable.VisibleRows(inner);
        var users = _data!.Users;
        var clock = _shell.Options.Clock;
        _events = ReportListTable.Draw(buffer, inner, EventColumns, Events.Count, (row, column) =>
        {
            var e = Events[row];
            return column switch
            {
                0 => ReportListText.Time(e.Time, clock),
                1 => ReportListText.User(e.Actor, users),
                2 => ReportListText.Action(e.Action),
                3 => StateChange(e),
                4 => e.Reason,
                _ => string.Join("、", _data.CellsOf(e)),
            };
        }, _events, theme);
        if (detailHeight == 0 || _events.Selected >= Events.Count)
        {
            return;
        }

        var selected = Events[_events.Selected];
        var box = Chrome.Panel(buffer, detail, theme, "所选记录", focused: false);
        var text = $"{ReportListText.Action(selected.Action)}（{ReportListText.User(selected.Actor, users)}，{ReportListText.Time(selected.Time, clock)}）{StateChange(selected)}";
        if (!string.IsNullOrEmpty(selected.Reason))
        {
            text += "\n" + (selected.Action == "commented" ? "评论：" : "原因：") + selected.Reason;
        }

        var cells = _data.CellsOf(selected);
        if (cells.Count > 0)
        {
            text += "\n单元格：" + string.Join("、", cells);
        }

        if (selected.FindingKeys.Count > 0)
        {
            text += "\n校验结果：" + string.Join("、", selected.FindingKeys);
        }

        var lines = Chrome.Wrap(text, box.Width);
        for (var i = 0; i < lines.Count && i < box.Height; i++)
        {
            Label.Draw(buffer, new Rect(box.X, box.Y + i, box.Width, 1), lines[i], theme.Normal);
        }
    }

    private static string StateChange(ReportEvent e) =>
        e.FromState == e.ToState || e.ToState == Report.Types.State.Unspecified
            ? string.Empty
            : e.FromState == Report.Types.State.Unspecified
                ? "→ " + ReportListText.State(e.ToState)
                : $"{ReportListText.State(e.FromState)} → {ReportListText.State(e.ToState)}";

    private sealed record HistoryData(
        Report Report,
        IReadOnlyList<ReportRevision> Revisions,
        IReadOnlyList<ReportEvent> Events,
        IReadOnlyDictionary<string, string> Users,
        IReadOnlyList<ReportTemplate> Templates,
        IReadOnlyList<Comment> Comments)
    {
        /// <summary>
        /// The cells an event names: a return's cells, or for a comment the cell it is on (the event itself carries
        /// only the text, so the comment is found by its time and text).
        /// </summary>
        public IReadOnlyList<string> CellsOf(ReportEvent e)
        {
            if (e.CellAddresses.Count > 0 || e.Action != "commented")
            {
                return e.CellAddresses;
            }

            var comment = Comments.FirstOrDefault(c => c.Text == e.Reason && Equals(c.CreateTime, e.Time) && !string.IsNullOrEmpty(c.CellAddress));
            return comment is null ? [] : [comment.CellAddress];
        }
    }
}
