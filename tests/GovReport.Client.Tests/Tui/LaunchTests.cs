using System.IO.Pipes;
using System.Text;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>
/// How the client starts: the first frame is drawn while the embedded server is still starting, keys work meanwhile,
/// and every way out (Ctrl+C mid-start, q, input closed) restores the terminal. Real embedded servers throughout.
/// </summary>
public sealed class LaunchTests : IDisposable
{
    // A guard, not a speed assertion: a broken shutdown fails the test instead of hanging the run.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(90);

    private readonly string _data = Directory.CreateTempSubdirectory("govreport-launch-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Start_EmbeddedDefault_FirstFrameShowsStartingStateWhileServerStarts()
    {
        await using var shell = new TuiShell(new TuiLaunchOptions { ConnectImmediately = true });
        var connect = new ConnectScreen(shell);
        shell.Push(connect);

        connect.Start();

        // Nothing applied yet: the start's result can only arrive through the inbox, which is not read here.
        Assert.True(connect.Connecting);
        Assert.Equal(1, shell.PendingCount);
        MatchSnapshot(TuiApp.Snapshot(shell, 80, 24), "connect-starting.80x24");
        MatchSnapshot(TuiApp.Snapshot(shell, 120, 40), "connect-starting.120x40");

        // Keys work while starting: help opens and closes over the starting screen.
        shell.HandleKey(C('?'));
        Assert.IsType<HelpScreen>(shell.Top);
        shell.HandleKey(K(Key.Escape));
        Assert.Same(connect, shell.Top);

        await shell.SettleAsync().WaitAsync(Guard);
        Assert.IsType<HomeScreen>(shell.Top);
        Assert.True(shell.Session!.IsEmbedded);
        Assert.Equal("已连接：本机内置服务", shell.Message);
    }

    [Theory]
    [InlineData("ctrl+c")]
    [InlineData("q")]
    [InlineData("esc")]
    public async Task LeaveKey_DuringEmbeddedStart_QuitsAndShutdownLeavesDataUsable(string leave)
    {
        var shell = new TuiShell(new TuiLaunchOptions { ConnectImmediately = true, DataDirectory = _data });
        var connect = new ConnectScreen(shell);
        shell.Push(connect);
        connect.Start();

        shell.HandleKey(C('x'));
        Assert.False(shell.QuitRequested);
        shell.HandleKey(leave switch { "ctrl+c" => KeyEvent.Ctrl('c'), "q" => C('q'), _ => K(Key.Escape) });
        Assert.True(shell.QuitRequested);
        await shell.DisposeAsync();
        await connect.ShutdownAsync(Guard).WaitAsync(Guard);

        // Whether the start was cancelled or finished first, its server is gone and the data directory opens again.
        await using var again = await ClientSession.StartEmbeddedAsync(_data, CancellationToken.None).WaitAsync(Guard);
        Assert.NotEmpty(await again.ListTemplatesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunAsync_FakeTerminalCtrlCWhileStarting_LeavesAndRestoresTerminal()
    {
        await using var terminal = new FakeTerminal();
        var run = TuiApp.RunAsync(terminal.Options(_data), CancellationToken.None);

        await terminal.WaitForAsync("正在启动本机内置服务", Guard);
        terminal.Type("\u0003");

        Assert.Equal(0, await run.WaitAsync(Guard));
        terminal.AssertRestoredAfterLastFrame();
    }

    [Fact]
    public async Task RunAsync_FakeTerminal_HomeAfterStartThenQLeavesAndRestores()
    {
        await using var terminal = new FakeTerminal();
        var run = TuiApp.RunAsync(terminal.Options(_data), CancellationToken.None);

        await terminal.WaitForAsync("新建报告草稿", Guard);
        Assert.True(File.Exists(Path.Combine(_data, "admin-token")));
        terminal.Type("q");

        Assert.Equal(0, await run.WaitAsync(Guard));
        terminal.AssertRestoredAfterLastFrame();
    }

    [Fact]
    public async Task RunAsync_InputClosed_LeavesAndRestoresTerminal()
    {
        await using var terminal = new FakeTerminal();
        var run = TuiApp.RunAsync(terminal.Options(_data), CancellationToken.None);

        await terminal.WaitForAsync("连接", Guard);
        await terminal.CloseInputAsync();

        Assert.Equal(0, await run.WaitAsync(Guard));
        terminal.AssertRestoredAfterLastFrame();
    }

    /// <summary>A terminal made of a real OS pipe for input and a thread-safe capture of everything written.</summary>
    private sealed class FakeTerminal : IAsyncDisposable
    {
        private readonly AnonymousPipeServerStream _writer = new(PipeDirection.Out);
        private readonly AnonymousPipeClientStream _reader;
        private readonly CaptureStream _output = new();

        public FakeTerminal() => _reader = new AnonymousPipeClientStream(PipeDirection.In, _writer.ClientSafePipeHandle);

        public TuiLaunchOptions Options(string dataDirectory) => new()
        {
            DataDirectory = dataDirectory,
            ConnectImmediately = true,
            Terminal = new TerminalOptions
            {
                Input = _reader,
                Output = _output,
                UseRawMode = false,
                HandleSignals = false,
                FallbackWidth = 100,
                FallbackHeight = 30,
            },
        };

        public string Text => Encoding.UTF8.GetString(_output.Observe().Bytes);

        public void Type(string text)
        {
            _writer.Write(Encoding.UTF8.GetBytes(text));
            _writer.Flush();
        }

        public async Task CloseInputAsync() => await _writer.DisposeAsync();

        public async Task WaitForAsync(string text, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (true)
            {
                var (bytes, next) = _output.Observe();
                if (Encoding.UTF8.GetString(bytes).Contains(text, StringComparison.Ordinal))
                {
                    return;
                }

                await next.WaitAsync(cancel.Token);
            }
        }

        /// <summary>The last thing written: reset style, bracketed paste off, cursor shown, alternate screen left.</summary>
        public void AssertRestoredAfterLastFrame()
        {
            var text = Text;
            Assert.StartsWith(TerminalOutput.EnterAlternateScreenSequence, text, StringComparison.Ordinal);
            Assert.EndsWith(TerminalOutput.ResetStyleSequence + TerminalOutput.DisableBracketedPasteSequence
                + TerminalOutput.ShowCursorSequence + TerminalOutput.LeaveAlternateScreenSequence, text, StringComparison.Ordinal);
        }

        public async ValueTask DisposeAsync()
        {
            await _writer.DisposeAsync();
            await _reader.DisposeAsync();
        }
    }

    /// <summary>Collects written bytes; readers wait for the next write.</summary>
    private sealed class CaptureStream : Stream
    {
        private readonly MemoryStream _bytes = new();
        private readonly Lock _lock = new();
        private TaskCompletionSource _written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        /// <summary>Everything written so far, and a task completed by the next write.</summary>
        public (byte[] Bytes, Task Next) Observe()
        {
            lock (_lock)
            {
                return (_bytes.ToArray(), _written.Task);
            }
        }

        public override void Write(byte[] buffer, int offset, int count)
        {
            TaskCompletionSource written;
            lock (_lock)
            {
                _bytes.Write(buffer, offset, count);
                written = _written;
                _written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            written.TrySetResult();
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
