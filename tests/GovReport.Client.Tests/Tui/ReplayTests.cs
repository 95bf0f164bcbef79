using System.Globalization;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using GovReport.Terminal.Tests;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>
/// The whole client against the real embedded server, drawn through the real <see cref="Renderer"/> into a fake VT
/// terminal (tests/GovReport.Terminal.Tests/FakeTerminal.cs, linked) that interprets every byte written: after every
/// frame the terminal must show exactly the frame's buffer.
/// </summary>
public sealed class ReplayTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private static readonly KeyEvent[] Keys =
    [
        K(Key.Up), K(Key.Down), K(Key.Left), K(Key.Right), K(Key.PageUp), K(Key.PageDown), K(Key.Home), K(Key.End),
        K(Key.Tab), K(Key.Enter), K(Key.Escape), K(Key.Backspace), K(Key.Delete), K(Key.F5),
        C('l'), C('h'), C('/'), C('n'), C('N'), C('f'), C('s'), C('t'), C('e'), C('y'), C('a'), C('r'), C(' '), C('1'), C('2'),
        C('2'), C('0'), C('9'), C('示'), C('例'), C('区'), C('财'), C('x'), C('?'), Alt('3'), K(Key.F1),
    ];

    [Theory]
    [InlineData(20261123)]
    [InlineData(7)]
    public async Task RandomKeysAndResizes_ReplayedOutput_ReproducesBufferExactly(int seed)
    {
        await using var shell = await server.ConnectedShellAsync();

        // Data to look at: the example list and history reports (also gives the registry boots' views).
        await ReportListScreen.BootAsync(shell, CancellationToken.None);
        var historyName = Assert.IsType<HistoryScreen>((await HistoryScreen.BootAsync(shell, CancellationToken.None))[^1]).ReportName;
        shell.Push(new HomeScreen(shell));
        var random = new Random(seed);
        var stream = new MemoryStream();
        var renderer = new Renderer(new TerminalOutput(stream));
        var buffer = new ScreenBuffer(80, 24);
        var terminal = new FakeTerminal(80, 24);
        var log = new List<string>();
        var frames = 0;
        var visited = new HashSet<string>();
        void Frame()
        {
            var cursor = shell.Draw(buffer);
            var before = stream.Length;
            var written = renderer.Render(buffer, cursor);
            terminal.Feed(stream.GetBuffer().AsSpan((int)before, written));
            frames++;
            var where = $"seed {seed}, frame {frames} at {buffer.Width}x{buffer.Height} after {string.Join(' ', log.TakeLast(12))}";
            AssertWellFormed(buffer);
            AssertSameScreen(buffer, terminal, where);
            Assert.True(cursor is null ? !terminal.CursorVisible : terminal.CursorVisible && (terminal.CursorX, terminal.CursorY) == (cursor.Value.X, cursor.Value.Y), where);
        }

        Frame();
        for (var step = 0; step < 400; step++)
        {
            if (random.Next(10) == 0)
            {
                var (width, height) = (random.Next(20, 201), random.Next(6, 61));
                buffer.Resize(width, height);
                terminal.Resize(width, height);
                log.Add(string.Create(CultureInfo.InvariantCulture, $"[{width}x{height}]"));
                Frame();
                continue;
            }

            if (random.Next(12) == 0)
            {
                // A screen switch: back to the main menu, or straight to the list or a history (as l and h do).
                var target = random.Next(3);
                while (target == 0 && shell.Screens.Count > 1)
                {
                    shell.Pop();
                }

                if (target == 1)
                {
                    ReportListScreen.Open(shell);
                }
                else if (target == 2)
                {
                    HistoryScreen.Open(shell, historyName);
                }

                log.Add(string.Create(CultureInfo.InvariantCulture, $"[switch {target}]"));
                Frame();
                await shell.SettleAsync();
                Frame();
                continue;
            }

            var key = Keys[random.Next(Keys.Length)];
            if (WouldLeave(shell, key))
            {
                continue;
            }

            log.Add(key.ToString());
            shell.HandleKey(key);

            // A frame while the call is still out ("处理中…"), then one with its answer applied.
            Frame();
            await shell.SettleAsync();
            Frame();
            Assert.False(shell.QuitRequested, $"quit after {string.Join(' ', log.TakeLast(12))}");
            visited.Add(shell.Top!.GetType().Name);
        }

        // The walk really went through the screens (not 400 keys on the main menu).
        Assert.True(frames > 400);
        Assert.Superset(new HashSet<string> { nameof(HomeScreen), nameof(ReportListScreen), nameof(HistoryScreen) }, visited);
    }

    /// <summary>Keys that would end the session (or start a new embedded server) are not sent.</summary>
    private static bool WouldLeave(TuiShell shell, KeyEvent key)
    {
        var top = shell.Top!;
        if (key.Key == Key.Escape && shell.Screens.Count <= 1)
        {
            return true;
        }

        if (top is HomeScreen home)
        {
            // Home: Enter on 重新连接/退出, or their letters.
            return (key.Key == Key.Enter && home.Selected >= 5) || (key.IsPrintable && key.Rune.Value is 'c' or 'q');
        }

        if (top is ConnectScreen)
        {
            return true;
        }

        return false;
    }

    private static void AssertSameScreen(ScreenBuffer expected, FakeTerminal actual, string where)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        for (var y = 0; y < expected.Height; y++)
        {
            for (var x = 0; x < expected.Width; x++)
            {
                var (want, got) = (expected[x, y], actual[x, y]);
                if (want.IsContinuation != got.IsContinuation || (!want.IsContinuation && (want.Text != got.Text || want.Style != got.Style)))
                {
                    Assert.Fail($"{where}: cell ({x},{y}) is '{got.Text}' {got.Style}, expected '{want.Text}' {want.Style}\n{actual.Text()}");
                }
            }
        }
    }
}
