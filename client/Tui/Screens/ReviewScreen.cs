using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// Reviewing one submitted report: the report in a read-only <see cref="EditorScreen"/> (its navigation keys, findings
/// panel and computed totals), plus the reviewer's keys: a approve (after a confirmation), r return (reason required; the
/// marked cells and the findings go with it), m mark the selected cell, c comment on the selected cell, v list the
/// comments. Refusals (separation of duties, wrong state, no permission) are shown in the message line in Chinese.
/// </summary>
public sealed class ReviewScreen : IScreen
{
    private readonly TuiShell _shell;
    private readonly EditorScreen _editor;
    private readonly Action<Report>? _onChanged;
    private readonly SortedSet<string> _marked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _labels;
    private IReadOnlyList<Comment> _comments;

    public ReviewScreen(TuiShell shell, IReadOnlyList<ReportTemplate> templates, Report report, ValidationResult? validation,
        IReadOnlyList<Comment> comments, Action<Report>? onChanged = null)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(comments);
        _shell = shell;
        _onChanged = onChanged;
        _comments = comments;
        _editor = new EditorScreen(shell, templates, report, validation) { ReadOnly = true };
        _labels = ReviewText.CellLabels(_editor.Template);

        // A reviewer starts on the figures: the first finding's cell, else table 三 (applications).
        var first = _editor.Findings
            .Select(f => string.IsNullOrEmpty(f.CulpritAddress) ? f.Cells.FirstOrDefault()?.Address : f.CulpritAddress)
            .FirstOrDefault(a => !string.IsNullOrEmpty(a));
        if (first is null || !_editor.JumpTo(first))
        {
            _editor.HandleKey(new KeyEvent(Key.Char, KeyModifiers.Alt, new System.Text.Rune('3')));
        }
    }

    /// <summary>The read-only editor the report is shown in.</summary>
    public EditorScreen Editor => _editor;

    public Report Report => _editor.Report;

    /// <summary>Cells marked with m; a return names them.</summary>
    public IReadOnlyCollection<string> MarkedCells => _marked;

    public IReadOnlyList<Comment> Comments => _comments;

    public string Title => "审核报告";

    public bool IsOverlay => false;

    public bool CapturesText => _editor.CapturesText;

    public IReadOnlyList<KeyHint> StatusHints =>
    [
        new KeyHint("a", "通过"), new KeyHint("r", "退回"), new KeyHint("m", "标记"), new KeyHint("c", "评论"), new KeyHint("v", "评论列表"),
        new KeyHint("F6", "问题"), new KeyHint("Esc", "返回"),
    ];

    public IReadOnlyList<string> HelpText =>
    [
        "审核报告（只读）：浏览与报告编辑相同，但不能修改内容。",
        "a          审核通过（需确认；不能审核自己填报或提交的报告）",
        "r          退回：必须填写理由，标记的单元格和报告的问题一并附上",
        "m          标记/取消标记当前单元格（退回时附上）",
        "c          评论当前单元格（不在表格中时评论整份报告）",
        "v          查看全部评论        F5 重新加载",
        "Esc        返回审核队列",
        string.Empty,
        .. _editor.HelpText,
    ];

    public Point? Cursor => _editor.Cursor;

    /// <summary>Loads the report, its validation, the templates and its comments, then opens the review screen.</summary>
    public static void Open(TuiShell shell, string reportName, Action<Report>? onChanged = null)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var session = shell.RequireSession();
        shell.SetMessage("正在打开报告…");
        shell.Run(
            ct => LoadAsync(session, reportName, ct),
            loaded =>
            {
                shell.Push(new ReviewScreen(shell, loaded.Templates, loaded.Report, loaded.Validation, loaded.Comments, onChanged));
                shell.SetMessage($"审核 {ReviewText.Describe(loaded.Report)}：{ReviewText.State(loaded.Report.State)}，错误 {loaded.Report.ErrorCount} 个，警告 {loaded.Report.WarningCount} 个");
            });
    }

    /// <summary>The screen stack for snapshots: the queue of the sample subtree with its report open for review.</summary>
    public static async Task<IReadOnlyList<IScreen>> BootAsync(TuiShell shell, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var stack = await ReviewQueueScreen.BootAsync(shell, cancellationToken).ConfigureAwait(false);
        var queue = (ReviewQueueScreen)stack[^1];
        var loaded = await LoadAsync(shell.RequireSession(), queue.SelectedReport!.Name, cancellationToken).ConfigureAwait(false);
        return [.. stack, new ReviewScreen(shell, loaded.Templates, loaded.Report, loaded.Validation, loaded.Comments)];
    }

    private static async Task<Loaded> LoadAsync(ClientSession session, string reportName, CancellationToken cancellationToken)
    {
        var report = await session.GetReportAsync(reportName, cancellationToken).ConfigureAwait(false);
        var validation = await session.GetReportValidationAsync(reportName, cancellationToken).ConfigureAwait(false);
        var templates = await session.ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
        var comments = await session.ListCommentsAsync(reportName, cancellationToken).ConfigureAwait(false);
        return new Loaded(report, validation, templates, comments.Comments);
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (_editor.CapturesText)
        {
            return _editor.HandleKey(key);
        }

        if (key.Key == Key.F5)
        {
            Reload();
            return ScreenResult.Handled;
        }

        if (!key.IsPrintable || key.Modifiers != KeyModifiers.None)
        {
            return _editor.HandleKey(key);
        }

        switch (key.Rune.Value)
        {
            case 'a':
                return ReviewActions.ConfirmApprove(_shell, Report, Done);
            case 'r':
                var findingKeys = _editor.Findings
                    .Where(f => f.Severity is Severity.Error or Severity.Warning && !string.IsNullOrEmpty(f.StableKey))
                    .Select(f => f.StableKey)
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                return ReviewActions.PromptReturn(_shell, Report, [.. _marked], findingKeys, Done);
            case 'm':
                ToggleMark();
                return ScreenResult.Handled;
            case 'c':
                return Comment();
            case 'v':
                return ScreenResult.PushScreen(new ReviewCommentsScreen(_shell, $"评论（{_comments.Count} 条）", CommentLines()));
            default:
                return _editor.HandleKey(key);
        }
    }

    /// <summary>Reloads the report, its validation and its comments from the server.</summary>
    public void Reload()
    {
        var session = _shell.RequireSession();
        var name = Report.Name;
        _shell.SetMessage("正在重新加载…");
        _shell.Run(
            ct => LoadAsync(session, name, ct),
            loaded =>
            {
                _editor.Load(loaded.Report, loaded.Validation);
                _comments = loaded.Comments;
                _shell.SetMessage($"已重新加载：{ReviewText.State(loaded.Report.State)}，评论 {_comments.Count} 条");
            });
    }

    private void ToggleMark()
    {
        var address = _editor.SelectedAddress;
        if (address is null)
        {
            _shell.SetMessage("请先在表格中选择一个单元格（F3 切换到表格）", error: true);
            return;
        }

        var label = _labels.GetValueOrDefault(address, address);
        if (_marked.Remove(address))
        {
            _shell.SetMessage($"已取消标记：{label}（已标记 {_marked.Count} 个）");
        }
        else
        {
            _marked.Add(address);
            _shell.SetMessage($"已标记：{label}（已标记 {_marked.Count} 个，退回时附上）");
        }
    }

    private ScreenResult Comment()
    {
        var address = _editor.SelectedAddress;
        var target = address is null ? "整份报告" : "单元格 " + _labels.GetValueOrDefault(address, address);
        var name = Report.Name;
        return ScreenResult.PushScreen(new PromptScreen(_shell, "评论" + target, $"对{target}的评论：", string.Empty, text =>
        {
            if (text.Length == 0)
            {
                _shell.SetMessage("评论内容为空，未发表", error: true);
                return;
            }

            var session = _shell.RequireSession();
            var comment = new Comment { Text = text, CellAddress = address ?? string.Empty };
            _shell.Run(
                async ct =>
                {
                    await session.CreateCommentAsync(name, comment, ct).ConfigureAwait(false);
                    return await session.ListCommentsAsync(name, ct).ConfigureAwait(false);
                },
                comments =>
                {
                    _comments = comments.Comments;
                    _shell.SetMessage($"已评论{target}（共 {_comments.Count} 条评论）");
                },
                ex => _shell.SetMessage(ReviewText.Refusal("评论", ex), error: true));
        }));
    }

    private void Done(Report report)
    {
        if (ReferenceEquals(_shell.Top, this))
        {
            _shell.Pop();
        }

        _onChanged?.Invoke(report);
    }

    private static string AgencyOf(Report report) => string.IsNullOrEmpty(report.AgencyDisplayName) ? report.Agency : report.AgencyDisplayName;

    private List<string> CommentLines() => _comments.Select(c => ReviewText.CommentLine(c, _labels, _shell.Options.Clock)).ToList();

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        var editorArea = area;
        var side = default(Rect);
        var footer = default(Rect);
        if (area.Width >= 120)
        {
            var sideWidth = Math.Clamp(area.Width / 4, 34, 50);
            side = new Rect(area.Right - sideWidth, area.Y + 1, sideWidth, area.Height - 1);
            editorArea = new Rect(area.X, area.Y, area.Width - sideWidth, area.Height);
        }
        else if (area.Height >= 8)
        {
            footer = area.SplitBottom(1, out editorArea);
        }

        _editor.Draw(buffer, editorArea);

        // The review's own title over the editor's: which report, its state, its revision.
        var report = Report;
        var title = area.Width >= 120
            ? $"审核报告 │ {ReviewText.Describe(report)} │ {ReviewText.State(report.State)} │ 第 {report.Revision} 版 │ 只读"
            : $"审核 │ {AgencyOf(report)} {report.ReportYear} │ {ReviewText.State(report.State)}";
        Chrome.TitleBar(buffer, new Rect(area.X, area.Y, area.Width, 1), theme, title, _shell.Session?.DisplayName);

        var here = _editor.SelectedAddress;
        var hereComments = here is null ? 0 : _comments.Count(c => c.CellAddress == here);
        if (!footer.IsEmpty)
        {
            var mark = here is not null && _marked.Contains(here) ? "［已标记］" : string.Empty;
            var text = $"审核：已标记 {_marked.Count} 个单元格 │ 评论 {_comments.Count} 条（v 查看）" + (hereComments > 0 ? $" │ 本格评论 {hereComments} 条" : string.Empty) + mark;
            Label.Draw(buffer, footer, text, theme.Header);
        }

        if (!side.IsEmpty)
        {
            DrawSide(buffer, side, theme, here);
        }
    }

    private void DrawSide(ScreenBuffer buffer, Rect area, Theme theme, string? here)
    {
        var inner = Chrome.Panel(buffer, area, theme, $"审核 标记{_marked.Count} 评论{_comments.Count}", focused: false);
        if (inner.IsEmpty)
        {
            return;
        }

        var lines = new List<(string Text, Style Style)>();
        void Add(string text, Style style) => lines.AddRange(Chrome.Wrap(text, inner.Width).Select(l => (l, style)));
        Add("当前单元格：" + (here is null ? "（未选中表格单元格）" : _labels.GetValueOrDefault(here, here)) + (here is not null && _marked.Contains(here) ? "［已标记］" : string.Empty), theme.Normal);
        Add("已标记（m 标记，退回时附上）：", theme.Header);
        if (_marked.Count == 0)
        {
            Add("（无）", theme.Dim);
        }

        foreach (var address in _marked)
        {
            Add("· " + _labels.GetValueOrDefault(address, address), address == here ? theme.Selected : theme.Normal);
        }

        Add("评论（c 评论当前单元格）：", theme.Header);
        if (_comments.Count == 0)
        {
            Add("（暂无评论）", theme.Dim);
        }

        // Newest last, as they were written; the comments on the selected cell stand out. When they do not all fit, the
        // oldest give way (v lists them all) and the lines above stay.
        var fixedLines = lines.Count;
        foreach (var comment in _comments)
        {
            Add("· " + ReviewText.CommentLine(comment, _labels, _shell.Options.Clock), here is not null && comment.CellAddress == here ? theme.Header : theme.Normal);
        }

        var overflow = lines.Count - inner.Height;
        if (overflow > 0 && lines.Count - fixedLines > overflow)
        {
            lines.RemoveRange(fixedLines, overflow);
        }

        for (var i = 0; i < inner.Height && i < lines.Count; i++)
        {
            var (text, style) = lines[i];
            buffer.SetString(inner.X, inner.Y + i, text, style, inner.Width);
        }
    }

    private sealed record Loaded(Report Report, ValidationResult Validation, IReadOnlyList<ReportTemplate> Templates, IReadOnlyList<Comment> Comments);
}
