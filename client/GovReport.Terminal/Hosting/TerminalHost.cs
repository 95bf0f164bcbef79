using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using GovReport.Terminal.Internal;
using Microsoft.Win32.SafeHandles;

namespace GovReport.Terminal;

/// <summary>
/// The full-screen terminal host: raw mode, alternate screen, hidden cursor and bracketed paste while
/// running; key and resize events on <see cref="Events"/>; frames through <see cref="Renderer"/>.
/// The terminal is restored on every exit path: <see cref="Dispose"/>, SIGTERM/SIGINT/SIGHUP/SIGQUIT,
/// process exit and unhandled exceptions. Ctrl+C arrives as a key (raw mode), so the application decides what it means.
/// <para>Resize detection: SIGWINCH through <see cref="PosixSignalRegistration"/> wakes a watcher that
/// reads the size with ioctl(TIOCGWINSZ); the watcher also polls every <see cref="TerminalOptions.ResizePollInterval"/>
/// in case a signal is missed. When the output is not a terminal the fallback size is used.</para>
/// (Named TerminalHost, not Terminal, because a type named like its namespace GovReport.Terminal is
/// unusable from sibling namespaces such as GovReport.Client.)
/// Instances hold all their state, so several can run side by side (tests run in parallel).
/// </summary>
public sealed partial class TerminalHost : IDisposable
{
    private const int StdinFd = 0;
    private const int StdoutFd = 1;

    private readonly TerminalOptions _options;
    private readonly Stream _input;
    private readonly bool _inputIsTty;
    private readonly bool _outputIsTty;
    private readonly Channel<TerminalEvent> _events = Channel.CreateUnbounded<TerminalEvent>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly Channel<byte[]> _chunks = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _resizeSignal = new(0);
    private readonly List<PosixSignalRegistration> _signals = [];
    private readonly Lock _stateLock = new();
    private readonly ManualResetEventSlim _readGate = new(true);
    private byte[]? _savedTermios;
    private string? _savedStty;
    private bool _active;
    private bool _started;
    private bool _disposed;

    public TerminalHost(TerminalOptions? options = null)
    {
        _options = options ?? new TerminalOptions();
        var onLinux = OperatingSystem.IsLinux();
        _inputIsTty = _options.Input is null && onLinux && NativeMethods.isatty(StdinFd) == 1;
        _outputIsTty = _options.Output is null && onLinux && NativeMethods.isatty(StdoutFd) == 1;

        // FileStreams over the raw descriptors rather than System.Console, whose own terminal handling
        // would fight raw mode.
        _input = _options.Input ?? new FileStream(new SafeFileHandle(StdinFd, ownsHandle: false), FileAccess.Read, 1);
        var output = _options.Output ?? new FileStream(new SafeFileHandle(StdoutFd, ownsHandle: false), FileAccess.Write, 1);
        Output = new TerminalOutput(output);
        ColorMode = ColorModeDetector.Detect(_options.GetEnvironmentVariable);
        Renderer = new Renderer(Output, ColorMode);
        (Width, Height) = QuerySize();
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public ColorMode ColorMode { get; }

    public TerminalOutput Output { get; }

    public Renderer Renderer { get; }

    /// <summary>Keys, pastes and resizes, in order. Completes when the input ends or the terminal is disposed.</summary>
    public ChannelReader<TerminalEvent> Events => _events.Reader;

    /// <summary>A buffer of the current terminal size.</summary>
    public ScreenBuffer CreateBuffer() => new(Width, Height, _options.AmbiguousWide);

    /// <summary>Draws a frame (diffed against the previous one). Cursor shown at <paramref name="cursor"/>, hidden when null.</summary>
    public int Render(ScreenBuffer frame, Point? cursor = null) => Renderer.Render(frame, cursor);

    /// <summary>Enters full-screen mode and starts reading input.</summary>
    public void Start()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_started)
        {
            return;
        }

        _started = true;
        if (_options.HandleSignals)
        {
            foreach (var signal in new[] { PosixSignal.SIGTERM, PosixSignal.SIGINT, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
            {
                // Not cancelled: after restoring, the default action still ends the process.
                _signals.Add(PosixSignalRegistration.Create(signal, _ => Restore()));
            }

            AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;
            AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
        }

        if (_outputIsTty && !OperatingSystem.IsWindows())
        {
            _signals.Add(PosixSignalRegistration.Create(PosixSignal.SIGWINCH, context =>
            {
                context.Cancel = true;
                _resizeSignal.Release();
            }));
            _ = Task.Run(WatchSizeAsync);
        }

        Enter();
        var reader = new Thread(ReadLoop) { IsBackground = true, Name = "GovReport terminal input" };
        reader.Start();
        _ = Task.Run(DecodeLoopAsync);
    }

    /// <summary>Leaves full-screen mode (for a child process such as an editor). Input reading pauses.</summary>
    public void Suspend()
    {
        _readGate.Reset();
        Restore();
    }

    /// <summary>Re-enters full-screen mode after <see cref="Suspend"/>; the next frame is a full redraw.</summary>
    public void Resume()
    {
        Enter();
        (Width, Height) = QuerySize();
        _readGate.Set();
        _events.Writer.TryWrite(TerminalEvent.Resized(Width, Height));
    }

    /// <summary>
    /// Hands <paramref name="text"/> to $VISUAL / $EDITOR (default vi) in a temporary file, with the
    /// terminal restored while the editor runs, and returns the edited text. Returns null if the editor
    /// exits with a non-zero status.
    /// </summary>
    public async Task<string?> EditTextAsync(string text, string extension = ".txt", CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Path.GetTempPath(), $"govreport-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, text, cancellationToken).ConfigureAwait(false);
        var suspended = _started;
        if (suspended)
        {
            Suspend();
        }

        try
        {
            var editor = _options.GetEnvironmentVariable("VISUAL");
            if (string.IsNullOrWhiteSpace(editor))
            {
                editor = _options.GetEnvironmentVariable("EDITOR");
            }

            if (string.IsNullOrWhiteSpace(editor))
            {
                editor = "vi";
            }

            // Through sh so that EDITOR may carry arguments ("code -w", "nano -R").
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            psi.ArgumentList.Add("-c");
            psi.ArgumentList.Add(editor + " \"$1\"");
            psi.ArgumentList.Add("sh");
            psi.ArgumentList.Add(path);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException($"无法启动编辑器：{editor}");
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            return process.ExitCode == 0 ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
        }
        finally
        {
            if (suspended)
            {
                Resume();
            }

            File.Delete(path);
        }
    }

    /// <summary>Restores the terminal (idempotent; safe from signal handlers).</summary>
    public void Restore()
    {
        lock (_stateLock)
        {
            if (!_active)
            {
                return;
            }

            _active = false;
            try
            {
                Output.Write(TerminalOutput.ResetStyleSequence + TerminalOutput.DisableBracketedPasteSequence
                    + TerminalOutput.ShowCursorSequence + TerminalOutput.LeaveAlternateScreenSequence);
            }
            catch (IOException)
            {
                // The terminal is gone (SSH dropped); still restore stty below.
            }
            catch (ObjectDisposedException)
            {
            }

            if (_savedTermios is not null)
            {
                RawMode.Restore(StdinFd, _savedTermios);
            }
            else if (_savedStty is not null)
            {
                Stty.Restore(_savedStty);
            }
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Restore();
        _stop.Cancel();
        _readGate.Set();
        _chunks.Writer.TryComplete();
        _events.Writer.TryComplete();
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        if (_options.HandleSignals && _started)
        {
            AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        }
    }

    private void Enter()
    {
        lock (_stateLock)
        {
            if (_active)
            {
                return;
            }

            if (_options.UseRawMode && _inputIsTty)
            {
                // tcgetattr/cfmakeraw/tcsetattr in-process (no stty child processes before the first frame); stty when
                // the C library does not offer them.
                _savedTermios ??= _savedStty is null ? RawMode.Save(StdinFd) : null;
                if (_savedTermios is not null)
                {
                    RawMode.Enter(StdinFd, _savedTermios);
                }
                else
                {
                    _savedStty ??= Stty.Save();
                    if (_savedStty is not null)
                    {
                        Stty.Raw();
                    }
                }
            }

            Output.Write(TerminalOutput.EnterAlternateScreenSequence + TerminalOutput.HideCursorSequence + TerminalOutput.EnableBracketedPasteSequence);
            Renderer.Invalidate();
            _active = true;
        }
    }

    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e) => Restore();

    // Environment.Exit without Dispose.
    private void OnProcessExit(object? sender, EventArgs e) => Restore();

    private (int Width, int Height) QuerySize()
    {
        if (_outputIsTty && NativeMethods.ioctl(StdoutFd, NativeMethods.TIOCGWINSZ, out var size) == 0 && size.Columns > 0 && size.Rows > 0)
        {
            return (size.Columns, size.Rows);
        }

        return (_options.FallbackWidth, _options.FallbackHeight);
    }

    private async Task WatchSizeAsync()
    {
        var token = _stop.Token;
        while (!token.IsCancellationRequested)
        {
            try
            {
                await _resizeSignal.WaitAsync(_options.ResizePollInterval, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var (width, height) = QuerySize();
            if (width != Width || height != Height)
            {
                Width = width;
                Height = height;
                _events.Writer.TryWrite(TerminalEvent.Resized(width, height));
            }
        }
    }

    // Blocking reads on a dedicated thread; bytes go to the decode loop as chunks.
    private void ReadLoop()
    {
        var buffer = new byte[4096];
        var token = _stop.Token;
        try
        {
            while (!token.IsCancellationRequested)
            {
                _readGate.Wait(token);
                int n;
                if (_inputIsTty)
                {
                    // poll with a timeout so a suspended terminal stops reading (the editor owns stdin).
                    var fd = new NativeMethods.PollFd { Fd = StdinFd, Events = NativeMethods.POLLIN };
                    if (NativeMethods.poll(ref fd, 1, 100) <= 0 || !_readGate.IsSet)
                    {
                        continue;
                    }

                    n = (int)NativeMethods.read(StdinFd, ref buffer[0], (nuint)buffer.Length);
                    if (n < 0 && Marshal.GetLastPInvokeError() == 4)
                    {
                        continue; // EINTR
                    }
                }
                else
                {
                    n = _input.Read(buffer);
                }

                if (n <= 0)
                {
                    break;
                }

                _chunks.Writer.TryWrite(buffer.AsSpan(0, n).ToArray());
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }

        _chunks.Writer.TryComplete();
    }

    private async Task DecodeLoopAsync()
    {
        var decoder = new KeyDecoder();
        var keys = new List<KeyEvent>();
        var reader = _chunks.Reader;
        while (true)
        {
            byte[]? chunk = null;
            if (decoder.HasPending)
            {
                // A lone ESC (or a split sequence): wait briefly for the rest, else take it as typed.
                using var timeout = new CancellationTokenSource(_options.EscapeTimeout);
                try
                {
                    if (!await reader.WaitToReadAsync(timeout.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException)
                {
                    decoder.Flush(keys);
                    Publish(keys);
                    continue;
                }
            }

            if (!reader.TryRead(out chunk))
            {
                if (!await reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            decoder.Decode(chunk, keys);
            Publish(keys);
        }

        decoder.Flush(keys);
        Publish(keys);
        _events.Writer.TryComplete();
    }

    private void Publish(List<KeyEvent> keys)
    {
        foreach (var key in keys)
        {
            _events.Writer.TryWrite(TerminalEvent.FromKey(key));
        }

        keys.Clear();
    }

    /// <summary>
    /// Raw mode through the C library. The termios structure is handled as opaque bytes (saved by tcgetattr, made raw
    /// by cfmakeraw, written back by tcsetattr), so its layout, which differs between C libraries and architectures,
    /// never matters; the buffer is larger than any of them.
    /// </summary>
    private static partial class RawMode
    {
        private const int TermiosBufferSize = 256;
        private const int TCSADRAIN = 1;

        /// <summary>The terminal's current settings, or null when they cannot be read this way.</summary>
        public static byte[]? Save(int fd)
        {
            var saved = new byte[TermiosBufferSize];
            try
            {
                return tcgetattr(fd, ref saved[0]) == 0 ? saved : null;
            }
            catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
            {
                return null;
            }
        }

        /// <summary>Like `stty raw -echo`: bytes arrive unbuffered, unechoed, Ctrl+C as a key.</summary>
        public static void Enter(int fd, byte[] saved)
        {
            var raw = (byte[])saved.Clone();
            cfmakeraw(ref raw[0]);
            _ = tcsetattr(fd, TCSADRAIN, ref raw[0]);
        }

        public static void Restore(int fd, byte[] saved) => _ = tcsetattr(fd, TCSADRAIN, ref saved[0]);

        [LibraryImport("libc", SetLastError = true)]
        private static partial int tcgetattr(int fd, ref byte termios);

        [LibraryImport("libc", SetLastError = true)]
        private static partial int tcsetattr(int fd, int optionalActions, ref byte termios);

        [LibraryImport("libc")]
        private static partial void cfmakeraw(ref byte termios);
    }
}
