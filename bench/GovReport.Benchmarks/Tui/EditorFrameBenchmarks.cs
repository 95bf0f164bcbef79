extern alias govreportclient;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using GovReport.Terminal;
using govreportclient::GovReport.Client.Tui;
using govreportclient::GovReport.Client.Tui.Screens;

namespace GovReport.Benchmarks.Tui;

/// <summary>
/// The real table 三 editor at 200×60 (seed 002 imported through the embedded server, findings panel filled):
/// one cursor move = HandleKey + the whole shell frame drawn + diff-rendered through the real Renderer/TerminalOutput
/// (to Stream.Null, so UTF-8 encoding and the write are included).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class TuiEditorFrameBenchmarks
{
    private readonly ScreenBuffer _screen = new(200, 60);
    private TuiShell _shell = null!;
    private Renderer _renderer = null!;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        var seeds = Environment.GetEnvironmentVariable("GOVREPORT_SEEDS") ?? FindSeeds();
        _shell = new TuiShell(new TuiLaunchOptions());
        _shell.SetSessionAsync(ClientSession.StartEmbeddedAsync(null, CancellationToken.None).GetAwaiter().GetResult()).GetAwaiter().GetResult();
        var home = new HomeScreen(_shell);
        _shell.Push(home);
        home.Import(Path.Combine(seeds, "002_dfb6703c5ed3c52a.txt"));
        _shell.SettleAsync().GetAwaiter().GetResult();
        var editor = (EditorScreen)_shell.Top!;
        editor.JumpTo("applications.granted.natural_person");
        _shell.SetMessage(null);
        _renderer = new Renderer(new TerminalOutput(Stream.Null));
        _shell.Draw(_screen);
        _renderer.Render(_screen);

        // Bytes written per one-cell cursor move over a walk through the grid (printed to the log; README has the figure).
        long total = 0;
        var max = 0;
        for (var i = 0; i < 200; i++)
        {
            var bytes = Move();
            total += bytes;
            max = Math.Max(max, bytes);
        }

        Console.WriteLine($"// TUI editor bytes per cursor move: mean {total / 200.0:F1}, max {max}");
    }

    [GlobalCleanup]
    public void Cleanup() => _shell.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>One arrow key in the table 三 grid: key handling, the whole frame, diff render and write.</summary>
    [Benchmark]
    public int FrameCursorMove() => Move();

    private int Move()
    {
        // A walk: right across the row, down, left back, down … and back up at the bottom.
        var phase = _step++ % 40;
        var key = phase switch
        {
            < 7 => Key.Right,
            < 10 => Key.Down,
            < 17 => Key.Left,
            < 20 => Key.Down,
            < 27 => Key.Right,
            < 33 => Key.Up,
            _ => Key.Left,
        };
        _shell.HandleKey(new KeyEvent(key));
        var cursor = _shell.Draw(_screen);
        return _renderer.Render(_screen, cursor);
    }

    private static string FindSeeds()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "seeds");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("Seed reports not found: set GOVREPORT_SEEDS or keep the repository beside shared/.");
    }

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(StatisticColumn.P95);
    }
}
