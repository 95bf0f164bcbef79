using System.IO.Pipes;
using System.Text;

namespace GovReport.Terminal.Tests;

// The host over real OS pipes (no tty, so no stty): mode switches, input decoding on the background
// loop, lone-ESC flush, restore on dispose, editor hand-off.
public sealed class TerminalHostTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(20);

    private readonly AnonymousPipeServerStream _writer = new(PipeDirection.Out);
    private readonly AnonymousPipeClientStream _reader;
    private readonly MemoryStream _output = new();

    public TerminalHostTests()
    {
        _reader = new AnonymousPipeClientStream(PipeDirection.In, _writer.ClientSafePipeHandle);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _reader.Dispose();
    }

    private TerminalHost CreateHost(Func<string, string?>? env = null) => new(new TerminalOptions
    {
        Input = _reader,
        Output = _output,
        HandleSignals = false,
        FallbackWidth = 100,
        FallbackHeight = 30,
        GetEnvironmentVariable = env ?? (_ => null),
    });

    private string OutputText() => Encoding.UTF8.GetString(_output.ToArray());

    [Fact]
    public void StartThenDispose_WritesEnterThenRestoreSequences()
    {
        using (var host = CreateHost())
        {
            host.Start();
            Assert.Equal("\e[?1049h\e[?25l\e[?2004h", OutputText());
            Assert.Equal((100, 30), (host.Width, host.Height));
        }

        Assert.EndsWith("\e[0m\e[?2004l\e[?25h\e[?1049l", OutputText(), StringComparison.Ordinal);
    }

    [Fact]
    public void Restore_CalledTwice_RestoresOnce()
    {
        using var host = CreateHost();
        host.Start();

        host.Restore();
        host.Restore();
        host.Dispose();

        Assert.Equal(1, CountOf(OutputText(), "\e[?1049l"));
    }

    [Fact]
    public async Task Events_BytesOnInput_ArriveAsKeysInOrder()
    {
        using var host = CreateHost();
        host.Start();

        await _writer.WriteAsync(Encoding.UTF8.GetBytes("a中\e[A\x03"));
        await _writer.FlushAsync();

        var keys = await ReadKeysAsync(host, 4);
        Assert.Equal(["a", "中", "Up", "Ctrl+c"], keys.Select(k => k.ToString()));
    }

    [Fact]
    public async Task Events_LoneEscape_ArrivesAsEscapeAfterQuietPeriod()
    {
        using var host = CreateHost();
        host.Start();

        await _writer.WriteAsync("\e"u8.ToArray());
        await _writer.FlushAsync();

        var keys = await ReadKeysAsync(host, 1);
        Assert.Equal(Key.Escape, keys[0].Key);
    }

    [Fact]
    public async Task Events_InputClosed_ChannelCompletes()
    {
        using var host = CreateHost();
        host.Start();

        _writer.Dispose();

        using var cts = new CancellationTokenSource(HangGuard);
        await host.Events.Completion.WaitAsync(cts.Token);
        Assert.True(host.Events.Completion.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task EditTextAsync_EditorChangesFile_ReturnsTextAndResumes()
    {
        using var host = CreateHost(name => name == "EDITOR" ? "sed -i s/一/二/" : null);
        host.Start();

        var edited = await host.EditTextAsync("表一\n");

        Assert.Equal("表二\n", edited);
        var text = OutputText();
        Assert.Equal(2, CountOf(text, "\e[?1049h"));
        Assert.Equal(1, CountOf(text, "\e[?1049l"));
        var resize = await ReadEventAsync(host);
        Assert.Equal(TerminalEvent.Resized(100, 30), resize);
    }

    [Fact]
    public async Task EditTextAsync_EditorFails_ReturnsNull()
    {
        using var host = CreateHost(name => name == "VISUAL" ? "false" : null);

        var edited = await host.EditTextAsync("表一");

        Assert.Null(edited);
    }

    [Fact]
    public void Render_ThroughHost_WritesFrameToOutput()
    {
        using var host = CreateHost();
        host.Start();
        var frame = host.CreateBuffer();
        frame.SetString(0, 0, "政府信息公开", Style.Default);

        var written = host.Render(frame);

        Assert.True(written > 0);
        Assert.Contains("政府信息公开", OutputText(), StringComparison.Ordinal);
    }

    private static async Task<TerminalEvent> ReadEventAsync(TerminalHost host)
    {
        using var cts = new CancellationTokenSource(HangGuard);
        return await host.Events.ReadAsync(cts.Token);
    }

    private static async Task<List<KeyEvent>> ReadKeysAsync(TerminalHost host, int count)
    {
        var keys = new List<KeyEvent>();
        while (keys.Count < count)
        {
            var e = await ReadEventAsync(host);
            if (e.Kind == TerminalEventKind.Key)
            {
                keys.Add(e.Key);
            }
        }

        return keys;
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
