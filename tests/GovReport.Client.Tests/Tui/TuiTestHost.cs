using System.Runtime.CompilerServices;
using System.Text;
using GovReport.Client.Tui;
using GovReport.Terminal;

namespace GovReport.Client.Tests.Tui;

/// <summary>One real embedded GovReport server (127.0.0.1, port 0) shared by the tests of a class.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    private ClientSession? _server;

    public string Address => _server!.Address;

    public async Task InitializeAsync() => _server = await ClientSession.StartEmbeddedAsync(null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A shell connected (over its own channel) to the embedded server.</summary>
    public async Task<TuiShell> ConnectedShellAsync()
    {
        var shell = new TuiShell(new TuiLaunchOptions { Clock = new FixedClock() });
        await shell.SetSessionAsync(await ClientSession.ConnectAsync(Address, null, CancellationToken.None, "测试服务器"));
        return shell;
    }
}

/// <summary>A fixed local date (2026-03-01, UTC+8), so a blank draft is always for 2025.</summary>
public sealed class FixedClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");
}

/// <summary>Key helpers and snapshot files.</summary>
public static class Tuis
{
    public static readonly string SeedDirectory = SeedLocator.Locate();

    public static string Seed(string name) => Path.Combine(SeedDirectory, name);

    public static KeyEvent K(Key key, KeyModifiers modifiers = KeyModifiers.None) => new(key, modifiers);

    public static KeyEvent C(char ch) => KeyEvent.Char(ch);

    public static KeyEvent Alt(char ch) => KeyEvent.Char(ch, KeyModifiers.Alt);

    /// <summary>Feeds keys and applies every async result they started.</summary>
    public static async Task PressAsync(this TuiShell shell, params KeyEvent[] keys)
    {
        foreach (var key in keys)
        {
            shell.HandleKey(key);
            await shell.SettleAsync();
        }
    }

    /// <summary>Types text as individual key presses.</summary>
    public static Task TypeAsync(this TuiShell shell, string text) =>
        shell.PressAsync(text.EnumerateRunes().Select(r => KeyEvent.Char(r)).ToArray());

    /// <summary>
    /// Compares a whole-screen text with the checked-in file Snapshots/{name}.txt; GOVREPORT_UPDATE_SNAPSHOTS=1 rewrites it.
    /// </summary>
    public static void MatchSnapshot(string actual, string name, [CallerFilePath] string source = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("GOVREPORT_UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    /// <summary>Asserts that every row of a frame is exactly <paramref name="width"/> columns and no wide character is split.</summary>
    public static void AssertWellFormed(ScreenBuffer buffer)
    {
        for (var y = 0; y < buffer.Height; y++)
        {
            for (var x = 0; x < buffer.Width; x++)
            {
                var cell = buffer[x, y];
                if (cell.Width == 2)
                {
                    Assert.True(x + 1 < buffer.Width && buffer[x + 1, y].IsContinuation, $"wide character split at ({x},{y})");
                }
                else if (cell.IsContinuation)
                {
                    Assert.True(x > 0 && buffer[x - 1, y].Width == 2, $"orphan continuation at ({x},{y})");
                }
            }

            Assert.Equal(buffer.Width, DisplayWidth.Of(buffer.LineText(y)));
        }
    }
}
