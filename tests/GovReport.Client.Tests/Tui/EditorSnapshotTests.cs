using System.Text.RegularExpressions;
using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>
/// Snapshots of the save conflict dialog and a submitted (read-only) report, on a server of their own so that the
/// agency names are fixed; the conflict's save time is masked (it is the real clock of the server).
/// </summary>
public sealed partial class EditorSnapshotTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task Snapshot_ConflictDialog_MatchesCheckedInText()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, "北碚区冲突示例办公室");
        await EditorFlows.UpdateCellAsync(server, editor.Report.Name, "applications.granted.commercial", "5");
        Assert.True(editor.JumpTo(EditorSaveTests.TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter), KeyEvent.Ctrl('s'));
        Assert.IsType<ChoiceScreen>(shell.Top);

        foreach (var (width, height) in new[] { (80, 24), (120, 40) })
        {
            var buffer = new ScreenBuffer(width, height);
            shell.Draw(buffer);
            AssertWellFormed(buffer);
            MatchSnapshot(SaveTime().Replace(buffer.ToText(), "YYYY-MM-DD hh:mm"), $"editor-conflict.{width}x{height}");
        }
    }

    [Fact]
    public async Task Snapshot_SubmittedReadOnly_MatchesCheckedInText()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, EditorSaveTests.Seed002, "北碚区只读示例办公室");
        await EditorFlows.FixAndSubmitAsync(shell, editor);
        Assert.Equal(Report.Types.State.Submitted, editor.Report.State);
        Assert.True(editor.JumpTo(EditorSaveTests.TotalNaturalPerson));
        await shell.PressAsync(C('5'));

        MatchSnapshot(TuiApp.Snapshot(shell, 80, 24), "editor-submitted.80x24");
        MatchSnapshot(TuiApp.Snapshot(shell, 120, 40), "editor-submitted.120x40");
    }

    [GeneratedRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}")]
    private static partial Regex SaveTime();
}
