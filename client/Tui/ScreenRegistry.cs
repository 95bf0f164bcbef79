using GovReport.Client.Tui.Screens;

namespace GovReport.Client.Tui;

/// <summary>
/// A screen the client can show, and how to boot it on a connected shell (for the test that boots every screen and
/// for snapshots). <see cref="Boot"/> returns the stack to push: an overlay comes after the screen it covers.
/// </summary>
public sealed record ScreenRegistration(string Id, string Title, Func<TuiShell, CancellationToken, Task<IReadOnlyList<IScreen>>> Boot);

/// <summary>Every screen of the full-screen client.</summary>
public static class ScreenRegistry
{
    public static IReadOnlyList<ScreenRegistration> All { get; } =
    [
        new("connect", "连接", (shell, _) => Task.FromResult<IReadOnlyList<IScreen>>([new ConnectScreen(shell)])),
        new("home", "主菜单", (shell, _) => Task.FromResult<IReadOnlyList<IScreen>>([new HomeScreen(shell)])),
        new("editor", "报告编辑（正文）", async (shell, ct) =>
        {
            var templates = await shell.RequireSession().ListTemplatesAsync(ct).ConfigureAwait(false);
            return [new HomeScreen(shell), EditorScreen.CreateBlank(shell, templates)];
        }),
        new("editor-table", "报告编辑（表三）", async (shell, ct) =>
        {
            var templates = await shell.RequireSession().ListTemplatesAsync(ct).ConfigureAwait(false);
            var editor = EditorScreen.CreateBlank(shell, templates);
            editor.HandleKey(new Terminal.KeyEvent(Terminal.Key.Char, Terminal.KeyModifiers.Alt, new System.Text.Rune('3')));
            return [new HomeScreen(shell), editor];
        }),
        new("rules", "校验规则", async (shell, ct) =>
        {
            var rules = await shell.RequireSession().ListRulesAsync(ct).ConfigureAwait(false);
            return [new HomeScreen(shell), new RulesScreen(shell, rules)];
        }),
        new("import", "导入报告文件", (shell, _) =>
            Task.FromResult<IReadOnlyList<IScreen>>([new HomeScreen(shell), new ImportFileScreen(shell, SampleImportFolder(), _ => { })])),
        new("report-list", "报告列表", ReportListScreen.BootAsync),
        new("review-queue", "审核队列", ReviewQueueScreen.BootAsync),
        new("review", "审核报告", ReviewScreen.BootAsync),
        new("history", "修订历史", HistoryScreen.BootAsync),
        new("help", "帮助", (shell, _) =>
        {
            var home = new HomeScreen(shell);
            return Task.FromResult<IReadOnlyList<IScreen>>([home, new HelpScreen(shell, home)]);
        }),
    ];

    /// <summary>
    /// A fixed folder of sample report files (same path and contents on every run, so the import picker's snapshot
    /// is stable): two reports with agency/title lines, a .docx, a sub-folder, and a .pdf the picker leaves out.
    /// </summary>
    internal static string SampleImportFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "govreport-import-sample");
        Directory.CreateDirectory(Path.Combine(folder, "往年报告"));
        (string Name, string Content)[] files =
        [
            ("2024年度报告-示例区人民政府办公室.txt", "示例区人民政府办公室\n2024年政府信息公开工作年度报告\n\n一、总体情况\n"),
            ("示例街道办事处-2023.html", "<html><body><p>示例街道办事处</p><h1>2023年政府信息公开工作年度报告</h1></body></html>\n"),
            ("年报.docx", "PK"),
            ("说明.pdf", "%PDF-1.4"),
        ];
        foreach (var (name, content) in files)
        {
            var path = Path.Combine(folder, name);
            // Written only when different: boots may run side by side.
            if (!File.Exists(path) || File.ReadAllText(path) != content)
            {
                File.WriteAllText(path, content);
            }
        }

        return folder;
    }
}
