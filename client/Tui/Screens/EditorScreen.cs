using System.Globalization;
using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>Which pane of the editor has the keyboard.</summary>
public enum EditorFocus
{
    /// <summary>The table grid of a table part.</summary>
    Table,

    /// <summary>The narrative text of the current part.</summary>
    Narrative,

    /// <summary>The findings panel.</summary>
    Findings,
}

/// <summary>
/// The report editor: the six parts as tabs; tables as grids with a computed "计算" column/row beside every 总计;
/// cells with findings highlighted; a findings panel (Enter jumps to the cell, j writes a justification for a
/// warning); narrative edited inline or in $EDITOR; import a file into a draft. Validation re-runs after each edit.
/// Ctrl+S saves (EditorScreen.Saving.cs), F9 submits; a submitted or approved report is read-only.
/// </summary>
public sealed partial class EditorScreen : IScreen
{
    private const string UnnamedAgency = "（未命名机关）";

    private readonly TuiShell _shell;
    private readonly IReadOnlyList<ReportTemplate> _templates;
    private readonly ReportDraft _draft;
    private readonly Dictionary<string, TextArea> _narratives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _justifications = new(StringComparer.Ordinal);
    private readonly int[] _blockOfPart = new int[6];
    private TableView? _table;
    private GridState _grid;
    private ListState _findingList;
    private int _findingViewHeight = 5;
    private int _validationSequence;
    private List<Finding> _findings = [];
    private HashSet<string> _findingCells = new(StringComparer.Ordinal);
    private readonly Action<Report>? _onStored;
    private bool _forceReadOnly;
    private bool _validated;

    /// <param name="onStored">
    /// Called on the UI loop with the stored report after each save, submission or reload of the server's version, so
    /// that the screen that opened the editor (the report list) can refresh what it shows.
    /// </param>
    public EditorScreen(TuiShell shell, IReadOnlyList<ReportTemplate> templates, Report report, ValidationResult? validation,
        Action<Report>? onStored = null)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(report);
        _shell = shell;
        _onStored = onStored;
        _templates = templates;
        var template = templates.FirstOrDefault(t => t.Template == report.Template) ?? templates[^1];
        _draft = new ReportDraft(report, template);
        SelectPart(0);
        if (ReadOnly)
        {
            Focus = EditorFocus.Findings;
        }

        if (validation is not null)
        {
            ApplyValidation(validation);
            if (_findings.Count > 0)
            {
                // An imported report with problems opens on the problem list: Enter jumps to the first cell.
                Focus = EditorFocus.Findings;
            }
        }
    }

    /// <summary>Loads a stored report (its validation and the templates) and opens it in the editor.</summary>
    /// <param name="onStored">See the constructor: called after each save, submission or reload.</param>
    public static void Open(TuiShell shell, string reportName, Action<Report>? onStored = null)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var session = shell.RequireSession();
        shell.Run(
            async ct =>
            {
                var report = await session.GetReportAsync(reportName, ct).ConfigureAwait(false);
                var validation = await session.GetReportValidationAsync(reportName, ct).ConfigureAwait(false);
                var templates = await session.ListTemplatesAsync(ct).ConfigureAwait(false);
                return (report, validation, templates);
            },
            loaded => shell.Push(new EditorScreen(shell, loaded.templates, loaded.report, loaded.validation, onStored)));
    }

    /// <summary>A blank draft on the newest template, for last year.</summary>
    public static EditorScreen CreateBlank(TuiShell shell, IReadOnlyList<ReportTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(templates);
        var template = templates[^1];
        var report = new Report
        {
            AgencyDisplayName = UnnamedAgency,
            AgencyKind = AgencyKind.Department,
            ReportYear = shell.Options.Clock.GetLocalNow().Year - 1,
            Template = template.Template,
        };
        return new EditorScreen(shell, templates, report, null);
    }

    public int PartIndex { get; private set; }

    public EditorFocus Focus { get; private set; } = EditorFocus.Narrative;

    /// <summary>Text being typed into the selected cell; null when not editing.</summary>
    public string? EditBuffer { get; private set; }

    public GridState Grid => _grid;

    public int BlockIndex => _table?.BlockIndex ?? 0;

    public IReadOnlyList<Finding> Findings => _findings;

    public int SelectedFinding => _findingList.Selected;

    public IReadOnlyDictionary<string, string> Justifications => _justifications;

    /// <summary>True when the draft differs from the version it was opened or last saved as.</summary>
    public bool Modified => _draft.Modified;

    /// <summary>
    /// Read-only: always for a submitted or approved report and for a stored report the caller may not update;
    /// setting it true makes any report read-only (review), setting it false cannot unlock those.
    /// </summary>
    public bool ReadOnly
    {
        get => _forceReadOnly || StateReadOnly(_draft.State) || (_draft.IsStored && !_draft.Base.AllowedActions.Contains("update"));
        set
        {
            _forceReadOnly = value;
            if (ReadOnly)
            {
                EditBuffer = null;
            }
        }
    }

    /// <summary>Why edits are refused, in Chinese; empty when the report is editable.</summary>
    public string ReadOnlyReason => !ReadOnly ? string.Empty : _draft.State switch
    {
        Report.Types.State.Submitted => "报告已提交，正在审核中，不能修改；如需修改，请等待审核员退回",
        Report.Types.State.Approved => "报告已审核通过，处于只读状态；如需修改，请由管理员或上级审核员重新打开",
        _ when _forceReadOnly => "只读查看：此处不能修改报告",
        _ => "您无权修改该报告（只读查看）",
    };

    /// <summary>The current report: the stored name, etag, revision and state with the local edits.</summary>
    public Report Report => _draft.ToReport();

    /// <summary>Shows <paramref name="report"/> (a stored version) instead of the local one; its findings when given.</summary>
    public void Load(Report report, ValidationResult? validation)
    {
        ArgumentNullException.ThrowIfNull(report);
        _draft.Load(report);
        EditBuffer = null;
        SyncNarratives();
        if (validation is not null)
        {
            // Results of validations started before are for the old content.
            _validationSequence++;
            ApplyValidation(validation);
        }
    }

    public ReportTemplate Template => _draft.Template;

    /// <summary>The part code of the current tab.</summary>
    public string PartCode => _draft.Template.Parts[PartIndex].Code;

    /// <summary>Address of the selected table cell; null when no template cell is selected.</summary>
    public string? SelectedAddress => _table?.AddressAt(_grid.Row, _grid.Column);

    /// <summary>The state part of the title: "草稿 第2版（已修改）", "已提交 第3版 只读", "新草稿（未保存）".</summary>
    public string StateLine
    {
        get
        {
            if (!_draft.IsStored)
            {
                return "新草稿（未保存）";
            }

            var state = $"{ConflictText.StateText(_draft.State)} 第{_draft.Revision}版";
            return ReadOnly ? state + " 只读" : _draft.Modified ? state + "（已修改）" : state;
        }
    }

    /// <summary>"错误 3 条，警告 1 条，提示 0 条".</summary>
    public string FindingSummary =>
        $"错误 {_findings.Count(f => f.Severity == Severity.Error)} 条，警告 {_findings.Count(f => f.Severity == Severity.Warning)} 条，提示 {_findings.Count(f => f.Severity == Severity.Info)} 条";

    public string Title => "报告编辑";

    public bool IsOverlay => false;

    public bool CapturesText => (Focus == EditorFocus.Narrative && !ReadOnly) || EditBuffer is not null;

    public IReadOnlyList<KeyHint> StatusHints => ReadOnly ? ReadOnlyHints : Focus switch
    {
        EditorFocus.Table =>
        [
            new KeyHint("数字", "改写"), new KeyHint("Del", "置空"), new KeyHint("^S", "保存"), new KeyHint("F9", "提交"),
            new KeyHint("F6", "问题"), new KeyHint("F3", "正文"), new KeyHint("F5", "校验"), new KeyHint("^O", "导入"),
        ],
        EditorFocus.Findings =>
        [
            new KeyHint("Enter", "定位"), new KeyHint("j", "说明"), new KeyHint("^S", "保存"), new KeyHint("F9", "提交"),
            new KeyHint("F6", "返回表格"), new KeyHint("F5", "校验"),
        ],
        _ =>
        [
            new KeyHint("F2", "下一部分"), new KeyHint("^S", "保存"), new KeyHint("F9", "提交"), new KeyHint("^E", "外部编辑器"),
            new KeyHint("F4", "发布日期"), new KeyHint("F6", "问题"), new KeyHint("F3", "表格"), new KeyHint("Esc", "返回"),
        ],
    };

    private IReadOnlyList<KeyHint> ReadOnlyHints =>
    [
        new KeyHint("只读", ConflictText.StateText(_draft.State)), new KeyHint("F2", "下一部分"), new KeyHint("F3", "表格/正文"),
        new KeyHint("F6", "问题"), new KeyHint("Enter", "定位"), new KeyHint("Esc", "返回"),
    ];

    public IReadOnlyList<string> HelpText { get; } =
    [
        "Alt+1…6 或 F2/Shift+F2   切换部分（一 总体情况 … 六 其他需要报告的事项）",
        "F3          表格部分：在表格和正文之间切换",
        "F6          在表格/正文和问题面板之间切换",
        "表格：方向键 移动  Tab/Shift+Tab 下一格/上一格  [ ] 上一块/下一块（表二）",
        "      数字 改写单元格  Enter 确认并下移  Backspace 删除一位  Delete 置空（空白≠0）",
        "      Esc 放弃正在输入的数字   “计算”列/行为客户端计算的合计，与填报数不符时标红",
        "问题：↑/↓ 选择  Enter 定位到单元格  j 为警告填写说明",
        "正文：直接输入，Enter 换行；Ctrl+E 用 $EDITOR 编辑",
        "F4 发布日期   F5 重新校验   Ctrl+O 导入文件为新草稿",
        "Ctrl+S      保存：第一次保存时新建报告（填报员存入本机关；管理员选择或新建机关），之后只提交改动",
        "            他人已先保存时提示冲突：可重新载入服务器版本、在其上覆盖我的修改，或取消",
        "F9          提交审核（有未保存的修改时先保存）；被拒绝时列出需处理的错误和未说明的警告，Enter 定位",
        "已提交、已通过的报告只读；已退回、草稿可以修改。有未保存的修改时离开或按 Ctrl+C 退出会先询问",
        "            （询问时再按 Ctrl+C：不保存，直接退出）",
    ];

    public Point? Cursor { get; private set; }

    /// <summary>Starts a ValidateReport call for the report as it stands; older results are dropped when they arrive.</summary>
    public void Revalidate()
    {
        var session = _shell.Session;
        if (session is null)
        {
            return;
        }

        var sequence = ++_validationSequence;
        var report = _draft.ToReport();
        _shell.Run(ct => session.ValidateAsync(report, ct), result =>
        {
            if (sequence == _validationSequence)
            {
                ApplyValidation(result);
            }
        });
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        // Saving or submitting while typing a number takes the number first (and stays on it when it is invalid).
        if (EditBuffer is not null && (key.IsCtrl('s') || key.Key == Key.F9) && !Commit())
        {
            return ScreenResult.Handled;
        }

        if (EditBuffer is null && HandleGlobal(key, out var result))
        {
            return result;
        }

        if (ReadOnly && IsEditKey(key))
        {
            RefuseWhenReadOnly();
            return ScreenResult.Handled;
        }

        if (EditBuffer is null && IsLeaveKey(key) && NeedsLeaveConfirmation())
        {
            return ScreenResult.PushScreen(LeaveDialog(quit: key.Key != Key.Escape));
        }

        return Focus switch
        {
            EditorFocus.Table => HandleTableKey(key),
            EditorFocus.Findings => HandleFindingKey(key),
            _ => HandleNarrativeKey(key),
        };
    }

    private bool HandleGlobal(KeyEvent key, out ScreenResult result)
    {
        result = ScreenResult.Handled;
        if (key.Modifiers == KeyModifiers.Alt && key.Key == Key.Char && key.Rune.Value is >= '1' and <= '6')
        {
            SelectPart(key.Rune.Value - '1');
            return true;
        }

        if (key.IsCtrl('s'))
        {
            Save();
            return true;
        }

        if (key.IsCtrl('o'))
        {
            result = ScreenResult.PushScreen(new ImportFileScreen(_shell, _shell.Options.ImportDirectory ?? ImportFileScreen.DefaultDirectory(), ImportFile));
            return true;
        }

        if (key.IsCtrl('e'))
        {
            if (!RefuseWhenReadOnly())
            {
                EditInEditor();
            }

            return true;
        }

        switch (key.Key)
        {
            case Key.F2:
                SelectPart((PartIndex + (key.HasModifier(KeyModifiers.Shift) ? 5 : 1)) % 6);
                return true;
            case Key.F3 when _table is not null:
                SaveNarrative();
                Focus = Focus == EditorFocus.Table ? EditorFocus.Narrative : EditorFocus.Table;
                return true;
            case Key.F4:
                if (!RefuseWhenReadOnly())
                {
                    result = ScreenResult.PushScreen(new PromptScreen(_shell, "发布日期", "发布日期（YYYY-MM-DD，留空表示报告未写明）：",
                        _draft.PublicationDate, SetPublicationDate));
                }

                return true;
            case Key.F5:
                SaveNarrative();
                Revalidate();
                _shell.SetMessage("正在校验…");
                return true;
            case Key.F6:
                SaveNarrative();
                Focus = Focus == EditorFocus.Findings ? (_table is null ? EditorFocus.Narrative : EditorFocus.Table) : EditorFocus.Findings;
                return true;
            case Key.F9:
                Submit();
                return true;
            case Key.Escape when Focus == EditorFocus.Narrative:
                // Leave the text first, so Esc from a narrative never drops the editor by accident.
                SaveNarrative();
                Focus = _table is null ? EditorFocus.Findings : EditorFocus.Table;
                return true;
            default:
                return false;
        }
    }

    private ScreenResult HandleTableKey(KeyEvent key)
    {
        var table = _table!;
        if (EditBuffer is not null)
        {
            switch (key.Key)
            {
                case Key.Char when key.IsPrintable && IsNumberChar(key.Rune.Value):
                    EditBuffer += key.Rune.ToString();
                    return ScreenResult.Handled;
                case Key.Backspace:
                    EditBuffer = EditBuffer.Length > 0 ? EditBuffer[..^1] : EditBuffer;
                    return ScreenResult.Handled;
                case Key.Escape:
                    EditBuffer = null;
                    _shell.SetMessage("已放弃输入");
                    return ScreenResult.Handled;
                case Key.Enter:
                    if (Commit())
                    {
                        MoveRow(1);
                    }

                    return ScreenResult.Handled;
                case Key.Up or Key.Down or Key.Left or Key.Right or Key.Tab:
                    if (!Commit())
                    {
                        return ScreenResult.Handled;
                    }

                    break;
                case Key.Char when key.IsPrintable:
                    _shell.SetMessage("单元格只能填写数字", error: true);
                    return ScreenResult.Handled;
                default:
                    return ScreenResult.Handled;
            }
        }

        switch (key.Key)
        {
            case Key.Up:
                MoveRow(-1);
                return ScreenResult.Handled;
            case Key.Down:
                MoveRow(1);
                return ScreenResult.Handled;
            case Key.Left:
                _grid = _grid with { Column = Math.Max(0, _grid.Column - 1) };
                return ScreenResult.Handled;
            case Key.Right:
                _grid = _grid with { Column = Math.Min(table.ColumnCount - 1, _grid.Column + 1) };
                return ScreenResult.Handled;
            case Key.Home:
                _grid = _grid with { Column = 0 };
                return ScreenResult.Handled;
            case Key.End:
                _grid = _grid with { Column = table.ColumnCount - 1 };
                return ScreenResult.Handled;
            case Key.PageUp or Key.PageDown:
                var row = table.NextDataRow(Math.Clamp(_grid.Row + (key.Key == Key.PageUp ? -10 : 10), 0, table.RowCount - 1), key.Key == Key.PageUp ? -1 : 1);
                _grid = _grid with { Row = row >= 0 ? row : _grid.Row };
                return ScreenResult.Handled;
            case Key.Tab:
                TabMove(key.HasModifier(KeyModifiers.Shift) ? -1 : 1);
                return ScreenResult.Handled;
            case Key.Enter:
                if (RequireEditable() is { } current)
                {
                    EditBuffer = _draft.EditText(current);
                }

                return ScreenResult.Handled;
            case Key.Backspace:
                if (RequireEditable() is { } cut)
                {
                    var text = _draft.EditText(cut);
                    EditBuffer = text.Length > 0 ? text[..^1] : text;
                }

                return ScreenResult.Handled;
            case Key.Delete:
                if (RequireEditable() is { } blank)
                {
                    _draft.SetBlank(blank);
                    _shell.SetMessage("已置空（空白不等于 0）");
                    Revalidate();
                }

                return ScreenResult.Handled;
            case Key.Char when key.IsPrintable && key.Rune.Value == '[':
                SelectBlock(BlockIndex - 1);
                return ScreenResult.Handled;
            case Key.Char when key.IsPrintable && key.Rune.Value == ']':
                SelectBlock(BlockIndex + 1);
                return ScreenResult.Handled;
            case Key.Char when key.IsPrintable && IsNumberChar(key.Rune.Value):
                if (RequireEditable() is not null)
                {
                    EditBuffer = key.Rune.ToString();
                }

                return ScreenResult.Handled;
            default:
                return ScreenResult.Unhandled;
        }
    }

    private ScreenResult HandleFindingKey(KeyEvent key)
    {
        if (_findingList.TryNavigate(key.Key, _findings.Count, _findingViewHeight, out var moved))
        {
            _findingList = moved;
            return ScreenResult.Handled;
        }

        switch (key.Key)
        {
            case Key.Enter:
                JumpToFinding();
                return ScreenResult.Handled;
            case Key.Char when key.IsPrintable && key.Rune.Value == 'j':
                return RefuseWhenReadOnly() ? ScreenResult.Handled : Justify();
            default:
                return ScreenResult.Unhandled;
        }
    }

    private ScreenResult HandleNarrativeKey(KeyEvent key)
    {
        if (ReadOnly && key.IsPrintable)
        {
            // Only q gets here (IsEditKey refused the rest): it is a command in a read-only text.
            return ScreenResult.Unhandled;
        }

        var area = Narrative();
        return area.Apply(key) ? ScreenResult.Handled : ScreenResult.Unhandled;
    }

    /// <summary>Moves the grid to the cell of the selected finding (switching tab and block).</summary>
    public bool JumpToFinding()
    {
        if (_findings.Count == 0)
        {
            _shell.SetMessage("没有需要处理的问题");
            return false;
        }

        var finding = _findings[_findingList.Selected];
        var address = !string.IsNullOrEmpty(finding.CulpritAddress) ? finding.CulpritAddress : finding.Cells.FirstOrDefault()?.Address;
        if (address is not null && JumpTo(address))
        {
            _shell.SetMessage($"{finding.RuleId} {finding.Message}");
            return true;
        }

        // Findings about a part (dates, headings, narrative numbers) go to the part's text.
        var part = _draft.Template.Parts.Select((p, i) => (p, i)).FirstOrDefault(x => address is not null && address.StartsWith(x.p.Code, StringComparison.Ordinal));
        if (part.p is not null)
        {
            SelectPart(part.i);
            Focus = EditorFocus.Narrative;
        }

        _shell.SetMessage($"{finding.RuleId} {finding.Message}（不对应表格单元格）");
        return false;
    }

    /// <summary>Selects the table cell with <paramref name="address"/>; false when no table holds it.</summary>
    public bool JumpTo(string address)
    {
        for (var p = 0; p < _draft.Template.Parts.Count; p++)
        {
            var table = _draft.Template.Tables.FirstOrDefault(t => t.Code == _draft.Template.Parts[p].Code);
            if (table is null)
            {
                continue;
            }

            for (var b = 0; b < table.Blocks.Count; b++)
            {
                var view = new TableView(table, b);
                if (view.Find(address) is { } position)
                {
                    SaveNarrative();
                    PartIndex = p;
                    _blockOfPart[p] = b;
                    _table = view;
                    _grid = new GridState(position.Row, position.Column);
                    Focus = EditorFocus.Table;
                    EditBuffer = null;
                    return true;
                }
            }
        }

        return false;
    }

    private ScreenResult Justify()
    {
        if (_findings.Count == 0)
        {
            return ScreenResult.Handled;
        }

        var finding = _findings[_findingList.Selected];
        if (finding.Severity == Severity.Error)
        {
            _shell.SetMessage("错误不能以说明代替，请修改数据", error: true);
            return ScreenResult.Handled;
        }

        var key = StableKey(finding);
        return ScreenResult.PushScreen(new PromptScreen(_shell, "填写说明：" + finding.RuleId, finding.Message, _justifications.GetValueOrDefault(key, string.Empty), text =>
        {
            if (text.Length == 0)
            {
                _justifications.Remove(key);
                _shell.SetMessage("已删除说明");
            }
            else
            {
                _justifications[key] = text;
                _shell.SetMessage("已记录说明（提交报告时一并提交）");
            }
        }));
    }

    private static string StableKey(Finding finding) => string.IsNullOrEmpty(finding.StableKey) ? finding.RuleId + "#" + finding.Id : finding.StableKey;

    private void ImportFile(string path)
    {
        if (_shell.Screens.OfType<HomeScreen>().FirstOrDefault() is { } home)
        {
            home.Import(path);
        }
        else
        {
            _shell.SetMessage("无法导入：请从主菜单导入", error: true);
        }
    }

    private void EditInEditor()
    {
        SaveNarrative();
        var code = PartCode;
        var text = _draft.Narrative(code);
        _shell.Run(ct => _shell.EditTextAsync(text, ct), edited =>
        {
            if (edited is null)
            {
                _shell.SetMessage("外部编辑器未运行或未正常退出，正文未修改", error: true);
                return;
            }

            _draft.SetNarrative(code, edited.TrimEnd('\n'));
            _narratives.Remove(code);
            _shell.SetMessage("已更新正文");
            Revalidate();
        });
    }

    private void SetPublicationDate(string text)
    {
        if (text.Length > 0 && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            _shell.SetMessage($"“{text}”不是有效日期：应为 YYYY-MM-DD，例如 2021-01-25", error: true);
            return;
        }

        _draft.SetPublicationDate(text);
        _shell.SetMessage(text.Length == 0 ? "已清除发布日期" : "发布日期：" + text);
        Revalidate();
    }

    private static bool StateReadOnly(Report.Types.State state) => state is Report.Types.State.Submitted or Report.Types.State.Approved;

    /// <summary>Shows why the report cannot be changed; true when it is read-only.</summary>
    private bool RefuseWhenReadOnly()
    {
        if (!ReadOnly)
        {
            return false;
        }

        _shell.SetMessage(ReadOnlyReason, error: true);
        return true;
    }

    /// <summary>Keys that would change the report in the focused pane.</summary>
    private bool IsEditKey(KeyEvent key) => Focus switch
    {
        EditorFocus.Table => key.Key is Key.Enter or Key.Backspace or Key.Delete || (key.IsPrintable && IsNumberChar(key.Rune.Value)),
        EditorFocus.Narrative => key.Key is Key.Enter or Key.Backspace or Key.Delete or Key.Paste || (key.IsPrintable && key.Rune.Value != 'q'),
        _ => false,
    };

    private bool IsLeaveKey(KeyEvent key) => key.Key == Key.Escape || (!CapturesText && key.IsPrintable && key.Rune.Value == 'q');

    private bool NeedsLeaveConfirmation()
    {
        if (ReadOnly)
        {
            return false;
        }

        SaveNarrative();
        return _draft.Modified;
    }

    /// <summary>Leaving with unsaved changes: save first, discard, or stay.</summary>
    private ChoiceScreen LeaveDialog(bool quit)
    {
        Action leave = quit ? _shell.Quit : _shell.Pop;
        return UnsavedDialog(quit ? "退出" : "返回", () => Save(leave), leave, note: null);
    }

    /// <summary>
    /// Ctrl+C's question when this editor has unsaved changes (null when it has none): the same dialog as leaving with
    /// q, with <paramref name="saveThenQuit"/> run for "保存后退出" and a note that a second Ctrl+C quits without saving.
    /// A number still being typed is taken first, as Ctrl+S does; one that is not valid counts as unsaved.
    /// </summary>
    public ChoiceScreen? QuitQuestion(Action saveThenQuit)
    {
        ArgumentNullException.ThrowIfNull(saveThenQuit);
        if (EditBuffer is not null)
        {
            Commit();
        }

        if (!NeedsLeaveConfirmation() && EditBuffer is null)
        {
            return null;
        }

        return UnsavedDialog("退出", saveThenQuit, _shell.Quit, "再按 Ctrl+C：不保存，直接退出。");
    }

    private ChoiceScreen UnsavedDialog(string verb, Action save, Action leave, string? note)
    {
        var changes = _draft.ChangedCells().Count;
        var parts = _draft.ChangedParts().Count;
        var typing = EditBuffer is null ? string.Empty : $"，正在输入的“{EditBuffer}”尚未填入";
        List<string> explanation = [$"本报告有未保存的修改（{changes} 个单元格，{parts} 部分正文{typing}）。{verb}前是否保存？"];
        if (note is not null)
        {
            explanation.Add(note);
        }

        return new ChoiceScreen(_shell, "有未保存的修改", explanation,
            [
                new Choice($"保存后{verb}", save),
                new Choice($"放弃修改并{verb}", leave),
                new Choice("继续编辑", () => _shell.SetMessage(null)),
            ]);
    }

    /// <summary>Puts the draft's texts into the open text areas (after a load or save), keeping their cursors.</summary>
    private void SyncNarratives()
    {
        foreach (var (code, area) in _narratives)
        {
            var text = _draft.Narrative(code);
            if (area.Text != text)
            {
                area.SetText(text);
            }
        }
    }

    private string? RequireEditable()
    {
        var address = SelectedAddress;
        if (address is null)
        {
            _shell.SetMessage("“计算”行/列由系统计算，不能编辑", error: true);
        }

        return address;
    }

    private bool Commit()
    {
        var address = SelectedAddress;
        var text = EditBuffer ?? string.Empty;
        if (address is null)
        {
            EditBuffer = null;
            return true;
        }

        if (text.Length == 0)
        {
            _draft.SetBlank(address);
        }
        else if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            var kind = ColumnKind(address);
            if (kind == CellKind.Count && (value < 0 || decimal.Truncate(value) != value))
            {
                _shell.SetMessage($"“{text}”不是非负整数：该栏只能填写件数", error: true);
                return false;
            }

            if (kind == CellKind.Amount && value < 0)
            {
                _shell.SetMessage($"“{text}”是负数：金额不能为负", error: true);
                return false;
            }

            _draft.SetValue(address, value);
        }
        else
        {
            _shell.SetMessage($"“{text}”不是数字", error: true);
            return false;
        }

        EditBuffer = null;
        _shell.SetMessage(null);
        Revalidate();
        return true;
    }

    private CellKind ColumnKind(string address)
    {
        var table = _table!;
        var position = table.Find(address);
        return position is { } p ? table.Block.Columns[ColumnIndexOf(table, p.Column)].Kind : CellKind.Count;
    }

    private static int ColumnIndexOf(TableView table, int displayColumn)
    {
        var templateColumn = -1;
        for (var c = 0; c <= displayColumn; c++)
        {
            if (!table.IsComputedColumn(c))
            {
                templateColumn++;
            }
        }

        return Math.Max(0, templateColumn);
    }

    private static bool IsNumberChar(int ch) => ch is (>= '0' and <= '9') or '.' or '-';

    private void MoveRow(int step)
    {
        var table = _table!;
        var target = _grid.Row + step;
        while (target >= 0 && target < table.RowCount && table.KindOf(target) != RowKind.Data)
        {
            target += step;
        }

        if (target >= 0 && target < table.RowCount)
        {
            _grid = _grid with { Row = target };
        }
    }

    private void TabMove(int step)
    {
        var table = _table!;
        var row = _grid.Row;
        var column = _grid.Column;
        for (var guard = 0; guard < table.RowCount * table.ColumnCount; guard++)
        {
            column += step;
            if (column >= table.ColumnCount)
            {
                column = 0;
                row++;
            }
            else if (column < 0)
            {
                column = table.ColumnCount - 1;
                row--;
            }

            if (row < 0 || row >= table.RowCount)
            {
                return;
            }

            if (table.AddressAt(row, column) is not null)
            {
                _grid = _grid with { Row = row, Column = column };
                return;
            }
        }
    }

    private void SelectPart(int index)
    {
        SaveNarrative();
        EditBuffer = null;
        PartIndex = Math.Clamp(index, 0, _draft.Template.Parts.Count - 1);
        var table = _draft.Template.Tables.FirstOrDefault(t => t.Code == PartCode);
        _table = table is null ? null : new TableView(table, Math.Min(_blockOfPart[PartIndex], table.Blocks.Count - 1));
        _grid = new GridState(_table?.NextDataRow(0, 1) ?? 0, 0);
        if (_table is null && Focus == EditorFocus.Table)
        {
            Focus = EditorFocus.Narrative;
        }
        else if (_table is not null && Focus == EditorFocus.Narrative)
        {
            Focus = EditorFocus.Table;
        }
    }

    private void SelectBlock(int index)
    {
        var table = _table?.Table;
        if (table is null || table.Blocks.Count < 2)
        {
            return;
        }

        var block = (index + table.Blocks.Count) % table.Blocks.Count;
        _blockOfPart[PartIndex] = block;
        _table = new TableView(table, block);
        _grid = new GridState(_table.NextDataRow(0, 1), 0);
    }

    private TextArea Narrative()
    {
        var code = PartCode;
        if (!_narratives.TryGetValue(code, out var area))
        {
            area = new TextArea(_draft.Narrative(code));
            _narratives[code] = area;
        }

        return area;
    }

    private void SaveNarrative()
    {
        if (_narratives.TryGetValue(PartCode, out var area))
        {
            _draft.SetNarrative(PartCode, area.Text);
        }
    }

    private void ApplyValidation(ValidationResult result)
    {
        _validated = true;
        _findings = result.Findings
            .OrderBy(f => f.Severity == Severity.Unspecified ? 9 : (int)f.Severity)
            .ThenBy(f => f.Id)
            .ToList();
        _findingCells = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in _findings)
        {
            if (!string.IsNullOrEmpty(finding.CulpritAddress))
            {
                _findingCells.Add(finding.CulpritAddress);
            }
            else
            {
                foreach (var cell in finding.Cells)
                {
                    _findingCells.Add(cell.Address);
                }
            }
        }

        _findingList = new ListState(Math.Min(_findingList.Selected, Math.Max(0, _findings.Count - 1)));
    }

    /// <summary>True when the cell is marked as having a finding.</summary>
    public bool HasFinding(string address) => _findingCells.Contains(address);

    /// <summary>The text of the selected finding line as listed.</summary>
    public string FindingLine(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        var mark = _justifications.ContainsKey(StableKey(finding)) ? "［已说明］" : string.Empty;
        return $"{RulesScreen.SeverityText(finding.Severity)} {finding.RuleId} {mark}{finding.Message}";
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        Cursor = null;
        var titleRow = area.SplitTop(1, out var rest);
        var name = string.IsNullOrEmpty(_draft.AgencyName) ? UnnamedAgency : _draft.AgencyName;
        var format = _draft.Template.Template == Api.V1.Template._2019 ? "2019版" : "2021版";
        var title = $"报告编辑 │ {StateLine} │ {name} {_draft.Year}年度 │ {format}格式";
        Chrome.TitleBar(buffer, titleRow, theme, title, _shell.Session?.DisplayName);

        var tabsRow = rest.SplitTop(1, out rest);
        var wide = area.Width >= 100;
        var tabs = _draft.Template.Parts.Select(p => p.Number + " " + ShortTitle(p, wide)).ToList();
        TabBar.Draw(buffer, tabsRow, tabs, PartIndex, theme);

        Rect main;
        Rect findings;
        if (rest.Width >= 120)
        {
            var panelWidth = Math.Clamp(rest.Width / 3, 36, 70);
            findings = new Rect(rest.Right - panelWidth, rest.Y, panelWidth, rest.Height);
            main = new Rect(rest.X, rest.Y, rest.Width - panelWidth, rest.Height);
        }
        else
        {
            findings = rest.SplitBottom(Math.Clamp(rest.Height / 3, 4, 10), out main);
        }

        var captionRow = main.SplitTop(1, out main);
        var part = _draft.Template.Parts[PartIndex];
        if (_table is not null && Focus != EditorFocus.Narrative)
        {
            var block = _table.Block;
            var caption = (_table.Table.Title == part.Title ? string.Empty : "  " + _table.Table.Title)
                + (string.IsNullOrEmpty(block.Caption) ? string.Empty : $"  {block.Caption}（{_table.BlockIndex + 1}/{_table.Table.Blocks.Count}，[ ] 切换）");
            Label.Draw(buffer, captionRow, part.Heading + caption, theme.Header);
            DrawTable(buffer, main);
        }
        else if (_table is not null && Focus == EditorFocus.Narrative)
        {
            Label.Draw(buffer, captionRow, part.Heading + "  正文（F3 切换到表格）", theme.Header);
            Cursor = Narrative().Draw(buffer, main, theme.Normal);
        }
        else
        {
            // The publication date belongs to no part; it is shown (and F4 edits it) with the first one.
            var date = PartIndex == 0
                ? $"  │ 发布日期：{(_draft.PublicationDate.Length == 0 ? "未写明" : _draft.PublicationDate)}{(ReadOnly ? string.Empty : "（F4）")}"
                : string.Empty;
            Label.Draw(buffer, captionRow, part.Heading + "  正文" + date, theme.Header);
            var cursor = Narrative().Draw(buffer, main, theme.Normal);
            Cursor = Focus == EditorFocus.Narrative ? cursor : null;
        }

        DrawFindings(buffer, findings, theme);
    }

    private void DrawTable(ScreenBuffer buffer, Rect area)
    {
        var table = _table!;
        var theme = _shell.Theme;
        var widths = new int[table.ColumnCount];
        var natural = 0;
        for (var c = 0; c < widths.Length; c++)
        {
            widths[c] = Math.Clamp(DisplayWidth.Of(table.ColumnHeaders[c]) + 2, 6, 14);
            natural += widths[c] + 1;
        }

        // Row labels get what the columns leave, at least 20 (ten CJK characters) and at most 44.
        var labelWidth = Math.Clamp(area.Width - natural, 20, 44);
        var available = area.Width - labelWidth;
        if (natural > available)
        {
            // Shrink the widest columns first, down to 6 (five digits and padding).
            var excess = natural - available;
            while (excess > 0)
            {
                var widest = Array.IndexOf(widths, widths.Max());
                if (widths[widest] <= 6)
                {
                    break;
                }

                widths[widest]--;
                excess--;
            }
        }

        (int, int, string)? editing = EditBuffer is null ? null : (_grid.Row, _grid.Column, EditBuffer);
        var model = table.Model(_draft, _findingCells, labelWidth, widths, editing);
        var style = Focus == EditorFocus.Table ? theme : theme with { Selected = theme.Header, FindingSelected = theme.Finding };

        // Keep the row below the selection in view: under a 总计 it is the computed row to compare with.
        var visibleRows = GridView.VisibleRows(area);
        if (_grid.Row + 1 < table.RowCount && _grid.Row + 1 - _grid.RowOffset >= visibleRows)
        {
            _grid = _grid with { RowOffset = _grid.Row + 2 - visibleRows };
        }

        _grid = GridView.Draw(buffer, area, model, _grid, style);
    }

    private void DrawFindings(ScreenBuffer buffer, Rect area, Theme theme)
    {
        var errors = _findings.Count(f => f.Severity == Severity.Error);
        var warnings = _findings.Count(f => f.Severity == Severity.Warning);
        var infos = _findings.Count - errors - warnings;
        var inner = Chrome.Panel(buffer, area, theme, $"问题 错误{errors} 警告{warnings} 提示{infos}", Focus == EditorFocus.Findings);
        if (inner.IsEmpty)
        {
            return;
        }

        if (_findings.Count == 0)
        {
            Label.Draw(buffer, new Rect(inner.X, inner.Y, inner.Width, 1), !_validated ? "尚未校验（F5 校验）" : "未发现问题", theme.Dim);
            return;
        }

        var listArea = inner;
        Rect detail = default;
        if (inner.Height >= 14)
        {
            detail = inner.SplitBottom(Math.Min(10, inner.Height / 3), out listArea);
        }

        _findingViewHeight = Math.Max(1, listArea.Height);
        _findingList = _findingList.EnsureVisible(_findingViewHeight);
        var items = _findings.Select(FindingLine).ToList();
        var listTheme = Focus == EditorFocus.Findings ? theme : theme with { Selected = theme.Header };
        ListView.Draw(buffer, listArea, items, _findingList, listTheme);
        if (detail.IsEmpty)
        {
            return;
        }

        var finding = _findings[_findingList.Selected];
        buffer.HorizontalLine(detail.X, detail.Y, detail.Width, theme.Border);
        var lines = Chrome.Wrap(finding.Message, detail.Width);
        foreach (var cell in finding.Cells)
        {
            var computed = string.IsNullOrEmpty(cell.Computed) ? string.Empty : "，计算 " + cell.Computed;
            lines.AddRange(Chrome.Wrap($"· {cell.Label}：填报 {(string.IsNullOrEmpty(cell.Stated) ? "空白" : cell.Stated)}{computed}", detail.Width));
        }

        if (_justifications.TryGetValue(StableKey(finding), out var justification))
        {
            lines.AddRange(Chrome.Wrap("说明：" + justification, detail.Width));
        }

        lines.AddRange(Chrome.Wrap("依据：" + finding.Basis, detail.Width));
        for (var i = 0; i < lines.Count && i + 1 < detail.Height; i++)
        {
            buffer.SetString(detail.X, detail.Y + 1 + i, lines[i], theme.Normal, detail.Width);
        }
    }

    private static string ShortTitle(TemplatePart part, bool wide) => (part.Code, wide) switch
    {
        (_, true) when part.Title.Length <= 6 => part.Title,
        ("overview", _) => wide ? "总体情况" : "总体",
        ("active_disclosure", _) => wide ? "主动公开" : "主动",
        ("applications", _) => wide ? "依申请公开" : "申请",
        ("reviews_litigation", _) => wide ? "复议诉讼" : "复议",
        ("problems", _) => wide ? "问题改进" : "问题",
        ("other_matters", _) => wide ? "其他事项" : "其他",
        _ => part.Title,
    };
}
