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
        new("import-prompt", "导入文件", (shell, _) =>
            Task.FromResult<IReadOnlyList<IScreen>>([new HomeScreen(shell), new PromptScreen(shell, "导入报告文件", "文件路径（.docx、.html 或 .txt）：", string.Empty, _ => { })])),
        new("help", "帮助", (shell, _) =>
        {
            var home = new HomeScreen(shell);
            return Task.FromResult<IReadOnlyList<IScreen>>([home, new HelpScreen(shell, home)]);
        }),
    ];
}
