using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>The rule catalogue (ValidationService.ListRules): one rule per line, the selected rule's text below or beside.</summary>
public sealed class RulesScreen(TuiShell shell, IReadOnlyList<Rule> rules) : IScreen
{
    private ListState _list;
    private int _viewHeight = 10;

    public string Title => "校验规则";

    public bool IsOverlay => false;

    public bool CapturesText => false;

    public int Selected => _list.Selected;

    public IReadOnlyList<KeyHint> StatusHints { get; } = [new KeyHint("↑↓", "选择"), new KeyHint("Esc", "返回")];

    public IReadOnlyList<string> HelpText { get; } =
        ["校验规则目录：每条规则的编号、严重程度、标题和依据。", "↑/↓ PgUp/PgDn Home/End  选择规则", "Esc        返回主菜单"];

    public Point? Cursor => null;

    public static string SeverityText(Severity severity) => severity switch
    {
        Severity.Error => "错误",
        Severity.Warning => "警告",
        Severity.Info => "提示",
        _ => "未定",
    };

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (!_list.TryNavigate(key.Key, rules.Count, _viewHeight, out var moved))
        {
            return ScreenResult.Unhandled;
        }

        _list = moved;
        return ScreenResult.Handled;
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = shell.Theme;
        var title = area.SplitTop(1, out var rest);
        Chrome.TitleBar(buffer, title, theme, $"校验规则（{rules.Count} 条）", shell.Session?.DisplayName);
        Rect listArea;
        Rect detailArea;
        if (rest.Width >= 120)
        {
            var w = rest.Width * 3 / 5;
            listArea = new Rect(rest.X, rest.Y, w, rest.Height);
            detailArea = new Rect(rest.X + w, rest.Y, rest.Width - w, rest.Height);
        }
        else
        {
            detailArea = rest.SplitBottom(Math.Min(8, rest.Height / 2), out listArea);
        }

        var items = rules.Select(r => $"{r.Id} {SeverityText(r.Severity)} {r.Title}{(r.Checkable ? string.Empty : "（不可自动检查）")}").ToList();
        var inner = Chrome.Panel(buffer, listArea, theme, "规则", focused: true);
        _viewHeight = Math.Max(1, inner.Height);
        _list = _list.EnsureVisible(_viewHeight);
        ListView.Draw(buffer, inner, items, _list, theme);
        var detail = Chrome.Panel(buffer, detailArea, theme, "说明", focused: false);
        if (rules.Count == 0 || detail.IsEmpty)
        {
            return;
        }

        var rule = rules[_list.Selected];
        var lines = Chrome.Wrap(rule.Description, detail.Width);
        lines.AddRange(Chrome.Wrap("依据：" + rule.Basis, detail.Width));
        for (var i = 0; i < lines.Count && i < detail.Height; i++)
        {
            buffer.SetString(detail.X, detail.Y + i, lines[i], theme.Normal, detail.Width);
        }
    }
}
