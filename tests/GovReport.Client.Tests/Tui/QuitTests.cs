using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>Ctrl+C with and without unsaved edits in an open editor, against the real embedded server.</summary>
public sealed class QuitTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private const string TotalNaturalPerson = EditorSaveTests.TotalNaturalPerson;

    [Fact]
    public async Task CtrlC_EditorWithoutUnsavedChanges_QuitsAtOnce()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, UniqueAgency());
        Assert.False(editor.Modified);

        await shell.PressAsync(KeyEvent.Ctrl('c'));

        Assert.True(shell.QuitRequested);
        Assert.Same(editor, shell.Top);
    }

    [Fact]
    public async Task CtrlC_UnsavedChangesThenKeepEditing_StaysWithChanges()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await OpenStoredAndChangeAsync(shell);

        await shell.PressAsync(KeyEvent.Ctrl('c'));

        Assert.False(shell.QuitRequested);
        var dialog = Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Equal("有未保存的修改", dialog.Title);
        Assert.Equal(["保存后退出", "放弃修改并退出", "继续编辑"], dialog.Choices.Select(c => c.Text));
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("本报告有未保存的修改（1 个单元格，0 部分正文）。退出前是否保存？", text, StringComparison.Ordinal);
        Assert.Contains("再按 Ctrl+C：不保存，直接退出。", text, StringComparison.Ordinal);

        await shell.PressAsync(C('3'));

        Assert.False(shell.QuitRequested);
        Assert.Same(editor, shell.Top);
        Assert.True(editor.Modified);

        // Cancelled: the next Ctrl+C asks again rather than quitting.
        await shell.PressAsync(KeyEvent.Ctrl('c'));
        Assert.False(shell.QuitRequested);
        Assert.IsType<ChoiceScreen>(shell.Top);
    }

    [Fact]
    public async Task CtrlC_SaveThenQuitChosen_SavesAndQuits()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await OpenStoredAndChangeAsync(shell);
        var name = editor.Report.Name;

        await shell.PressAsync(KeyEvent.Ctrl('c'), C('1'));

        Assert.True(shell.QuitRequested);
        Assert.False(editor.Modified);
        var stored = await shell.RequireSession().GetReportAsync(name, CancellationToken.None);
        Assert.Equal(2, stored.Revision);
        Assert.Equal("17", stored.Cells.Single(c => c.Address == TotalNaturalPerson).Value);
    }

    [Fact]
    public async Task CtrlC_DiscardChosen_QuitsWithoutSaving()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await OpenStoredAndChangeAsync(shell);

        await shell.PressAsync(KeyEvent.Ctrl('c'), C('2'));

        Assert.True(shell.QuitRequested);
        await AssertNotSavedAsync(shell, editor.Report.Name);
    }

    [Fact]
    public async Task CtrlC_SecondCtrlCWhileAsked_QuitsWithoutSaving()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await OpenStoredAndChangeAsync(shell);

        await shell.PressAsync(KeyEvent.Ctrl('c'));
        Assert.IsType<ChoiceScreen>(shell.Top);
        // Help opened over the question does not hide it: Ctrl+C still leaves.
        await shell.PressAsync(K(Key.F1));
        Assert.IsType<HelpScreen>(shell.Top);
        await shell.PressAsync(KeyEvent.Ctrl('c'));

        Assert.True(shell.QuitRequested);
        await AssertNotSavedAsync(shell, editor.Report.Name);
    }

    [Fact]
    public async Task CtrlC_NumberStillBeingTyped_TakenAndAskedAbout()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, UniqueAgency());
        Assert.True(editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'));
        Assert.Equal("17", editor.EditBuffer);

        await shell.PressAsync(KeyEvent.Ctrl('c'));

        Assert.False(shell.QuitRequested);
        Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Null(editor.EditBuffer);
        Assert.True(editor.Modified);
    }

    [Fact]
    public async Task CtrlC_InvalidNumberBeingTyped_AskedAboutAndKept()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, UniqueAgency());
        Assert.True(editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('.'), C('5'));

        await shell.PressAsync(KeyEvent.Ctrl('c'));

        Assert.False(shell.QuitRequested);
        Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Contains("正在输入的“1.5”尚未填入", TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
        await shell.PressAsync(C('3'));
        Assert.Equal("1.5", editor.EditBuffer);
    }

    [Fact]
    public async Task CtrlC_UnsavedEditorBelowAnotherScreen_StillAsked()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await OpenStoredAndChangeAsync(shell);
        await shell.PressAsync(K(Key.F1));
        Assert.IsType<HelpScreen>(shell.Top);

        await shell.PressAsync(KeyEvent.Ctrl('c'));

        Assert.False(shell.QuitRequested);
        Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.True(editor.Modified);
    }

    /// <summary>A stored seed 002 with one unsaved cell: （七）总计 自然人 18 → 17.</summary>
    private static async Task<EditorScreen> OpenStoredAndChangeAsync(TuiShell shell)
    {
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, UniqueAgency());
        Assert.True(editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter));
        Assert.True(editor.Modified);
        return editor;
    }

    private static async Task AssertNotSavedAsync(TuiShell shell, string name)
    {
        var stored = await shell.RequireSession().GetReportAsync(name, CancellationToken.None);
        Assert.Equal(1, stored.Revision);
        Assert.Equal("18", stored.Cells.Single(c => c.Address == TotalNaturalPerson).Value);
    }

    private static string UniqueAgency() => "退出测试" + Guid.NewGuid().ToString("N")[..8];
}
