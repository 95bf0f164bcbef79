using GovReport.Client.Tui;
using GovReport.Terminal;

namespace GovReport.Client.Tests.Tui;

public sealed class ScreenBootTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    public static TheoryData<string> ScreenIds()
    {
        var data = new TheoryData<string>();
        foreach (var registration in ScreenRegistry.All)
        {
            data.Add(registration.Id);
        }

        return data;
    }

    [Fact]
    public async Task BootEveryScreen_80x24And120x40_DrawsWellFormedFramesWithTitle()
    {
        Assert.NotEmpty(ScreenRegistry.All);
        Assert.Equal(ScreenRegistry.All.Count, ScreenRegistry.All.Select(r => r.Id).Distinct().Count());
        foreach (var registration in ScreenRegistry.All)
        {
            await using var shell = await server.ConnectedShellAsync();
            await shell.BootAsync(registration.Boot);

            foreach (var (width, height) in new[] { (80, 24), (120, 40), (20, 6), (200, 60) })
            {
                var buffer = new ScreenBuffer(width, height);
                shell.Draw(buffer);
                Tuis.AssertWellFormed(buffer);
                if (width >= 80)
                {
                    Assert.False(string.IsNullOrWhiteSpace(buffer.ToText()), registration.Id);
                    Assert.NotEmpty(shell.Top!.StatusHints);
                    Assert.NotEmpty(shell.Top!.HelpText);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ScreenIds))]
    public async Task Snapshot_RegisteredScreen_MatchesCheckedInText(string id)
    {
        var registration = ScreenRegistry.All.Single(r => r.Id == id);
        await using var shell = await server.ConnectedShellAsync();
        await shell.BootAsync(registration.Boot);

        Tuis.MatchSnapshot(TuiApp.Snapshot(shell, 80, 24), $"{id}.80x24");
        Tuis.MatchSnapshot(TuiApp.Snapshot(shell, 120, 40), $"{id}.120x40");
    }

    [Fact]
    public void EveryWidthFrom20To200_HelpOverEditorTitles_NeverSplitsWideCharacters()
    {
        var shell = new TuiShell(new TuiLaunchOptions());
        shell.Push(new Client.Tui.Screens.ConnectScreen(shell));
        for (var width = 20; width <= 200; width++)
        {
            var buffer = new ScreenBuffer(width, 24);
            shell.Draw(buffer);
            Tuis.AssertWellFormed(buffer);
        }
    }
}
