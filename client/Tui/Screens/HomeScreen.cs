using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>The main menu after connecting: new draft, import a file, rule catalogue, and the workflow screens.</summary>
public sealed class HomeScreen(TuiShell shell) : IScreen
{
    private static readonly string[] Items =
    [
        "新建报告草稿（2021 年版格式）",
        "导入报告文件（.docx / .html / .txt）…",
        "校验规则目录",
        "报告列表",
        "审核队列",
        "重新连接",
        "退出",
    ];

    private static readonly string[] Keys = ["n", "i", "r", "l", "a", "c", "q"];

    private ListState _list;

    public string Title => "主菜单";

    public bool IsOverlay => false;

    public bool CapturesText => false;

    public int Selected => _list.Selected;

    public IReadOnlyList<KeyHint> StatusHints { get; } =
        [new KeyHint("Enter", "选择"), new KeyHint("n", "新建"), new KeyHint("i", "导入"), new KeyHint("r", "规则")];

    public IReadOnlyList<string> HelpText { get; } =
    [
        "↑/↓ 选择，Enter 执行；也可直接按字母：",
        "n  新建报告草稿          i  导入报告文件",
        "r  校验规则目录          l  报告列表",
        "a  审核队列              c  重新连接",
    ];

    public Point? Cursor => null;

    public ScreenResult HandleKey(KeyEvent key)
    {
        switch (key.Key)
        {
            case Key.Up:
                _list = _list.Move(-1, Items.Length, Items.Length);
                return ScreenResult.Handled;
            case Key.Down:
                _list = _list.Move(1, Items.Length, Items.Length);
                return ScreenResult.Handled;
            case Key.Enter:
                return Execute(_list.Selected);
            default:
                break;
        }

        if (key.IsPrintable)
        {
            var index = Array.IndexOf(Keys, key.Rune.ToString());
            if (index >= 0)
            {
                _list = new ListState(index);
                return Execute(index);
            }
        }

        return ScreenResult.Unhandled;
    }

    /// <summary>Imports a report file into a new draft and opens it in the editor.</summary>
    public void Import(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            shell.SetMessage("未输入文件路径", error: true);
            return;
        }

        var session = shell.RequireSession();
        var fullPath = Path.GetFullPath(path.Trim());
        shell.SetMessage($"正在导入 {Path.GetFileName(fullPath)} …");
        shell.Run(
            async ct =>
            {
                var content = await File.ReadAllBytesAsync(fullPath, ct).ConfigureAwait(false);
                var response = await session.ImportAsync(content, fullPath, ct).ConfigureAwait(false);
                var templates = await session.ListTemplatesAsync(ct).ConfigureAwait(false);
                return (response, templates);
            },
            result =>
            {
                var editor = new EditorScreen(shell, result.templates, result.response.Report, result.response.Validation);
                shell.Push(editor);
                shell.SetMessage($"已导入 {Path.GetFileName(fullPath)}：导入说明 {result.response.Notes.Count} 条，{editor.FindingSummary}");
            });
    }

    private ScreenResult Execute(int index)
    {
        switch (index)
        {
            case 0:
                var session = shell.RequireSession();
                shell.Run(
                    ct => session.ListTemplatesAsync(ct),
                    templates =>
                    {
                        var editor = EditorScreen.CreateBlank(shell, templates);
                        shell.Push(editor);
                        editor.Revalidate();
                    });
                return ScreenResult.Handled;
            case 1:
                return ScreenResult.PushScreen(new ImportFileScreen(shell, shell.Options.ImportDirectory ?? ImportFileScreen.DefaultDirectory(), Import));
            case 2:
                var rulesSession = shell.RequireSession();
                shell.Run(ct => rulesSession.ListRulesAsync(ct), rules => shell.Push(new RulesScreen(shell, rules)));
                return ScreenResult.Handled;
            case 3:
                ReportListScreen.Open(shell);
                return ScreenResult.Handled;
            case 4:
                ReviewQueueScreen.Open(shell);
                return ScreenResult.Handled;
            case 5:
                return ScreenResult.ReplaceWith(new ConnectScreen(shell));
            default:
                return ScreenResult.Quit;
        }
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = shell.Theme;
        var title = area.SplitTop(1, out var rest);
        Chrome.TitleBar(buffer, title, theme, "主菜单", shell.Session?.DisplayName);
        var box = rest.Center(Math.Min(rest.Width - 2, 56), Math.Min(rest.Height, Items.Length + 4));
        var inner = Chrome.Panel(buffer, box, theme, "请选择", focused: true);
        if (inner.IsEmpty)
        {
            return;
        }

        var items = Items.Select((item, i) => $"{Keys[i]}  {item}").ToList();
        ListView.Draw(buffer, new Rect(inner.X, inner.Y, inner.Width, Math.Min(inner.Height, items.Count)), items, _list, theme);
        if (inner.Height > items.Count + 1)
        {
            Label.Draw(buffer, new Rect(inner.X, inner.Bottom - 1, inner.Width, 1), "提示：按 i 导入年报文件，按 ? 查看帮助", theme.Dim);
        }
    }
}
