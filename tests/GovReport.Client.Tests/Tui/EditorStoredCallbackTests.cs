using GovReport.Api.V1;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>The editor tells the screen that opened it (the report list) when the stored report changed.</summary>
public sealed class EditorStoredCallbackTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task Open_SaveThenSaveWithoutChanges_OnStoredCalledOnceWithNewRevision()
    {
        await using var shell = await server.ConnectedShellAsync();
        var stored = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, "回调测试" + Guid.NewGuid().ToString("N")[..8]);
        var name = stored.Report.Name;
        shell.Pop();
        var seen = new List<Report>();

        EditorScreen.Open(shell, name, seen.Add);
        await shell.SettleAsync();
        var editor = Assert.IsType<EditorScreen>(shell.Top);
        Assert.NotSame(stored, editor);
        Assert.True(editor.JumpTo(EditorSaveTests.TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter), KeyEvent.Ctrl('s'));
        await shell.PressAsync(KeyEvent.Ctrl('s'));

        var report = Assert.Single(seen);
        Assert.Equal(name, report.Name);
        Assert.Equal(2, report.Revision);
    }

    [Fact]
    public async Task HistoryEnter_SaveInEditor_HistoryReloadedAndOnStoredPassedOn()
    {
        await using var shell = await server.ConnectedShellAsync();
        var stored = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, "历史回调" + Guid.NewGuid().ToString("N")[..8]);
        var name = stored.Report.Name;
        shell.Pop();
        var seen = new List<Report>();
        HistoryScreen.Open(shell, name, seen.Add);
        await shell.SettleAsync();
        var history = Assert.IsType<HistoryScreen>(shell.Top);
        Assert.Equal([1], history.Revisions.Select(r => r.Number));

        await shell.PressAsync(K(Key.Enter));
        var editor = Assert.IsType<EditorScreen>(shell.Top);
        Assert.True(editor.JumpTo(EditorSaveTests.TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter), KeyEvent.Ctrl('s'));
        shell.Pop();

        Assert.Same(history, shell.Top);
        Assert.Equal([1, 2], history.Revisions.Select(r => r.Number));
        Assert.Equal(2, Assert.Single(seen).Revision);
    }
}
