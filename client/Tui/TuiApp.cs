using GovReport.Client.Tui.Screens;
using GovReport.Terminal;

namespace GovReport.Client.Tui;

/// <summary>How the full-screen client starts.</summary>
public sealed class TuiLaunchOptions
{
    /// <summary>Remote server URL; null for the embedded local server (the default).</summary>
    public string? ServerUrl { get; init; }

    /// <summary>Bearer token sent to a remote server.</summary>
    public string? Token { get; init; }

    /// <summary>Data directory of the embedded server; null for a temporary one.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>A report file to import into a draft as soon as the client is connected.</summary>
    public string? ImportFile { get; init; }

    /// <summary>Folder the import picker starts in; null for the seed reports when found, else the working directory.</summary>
    public string? ImportDirectory { get; init; }

    /// <summary>Connect at once (to <see cref="ServerUrl"/> or the embedded server) instead of waiting on the connect screen.</summary>
    public bool ConnectImmediately { get; init; }

    /// <summary>Clock (the default report year of a blank draft is last year).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>Terminal streams and behaviour; null for the process's terminal.</summary>
    public TerminalOptions? Terminal { get; init; }
}

/// <summary>The full-screen client: a <see cref="TerminalHost"/>, the render loop and a <see cref="TuiShell"/>.</summary>
public static class TuiApp
{
    // How long a quit waits for an embedded server start still in flight to finish stopping.
    private static readonly TimeSpan ShutdownWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs the client until the user quits (q, Esc on the first screen, Ctrl+C), the input ends or
    /// <paramref name="cancellationToken"/> fires; the terminal is restored on every exit path. Returns the process
    /// exit code (0).
    /// </summary>
    public static async Task<int> RunAsync(TuiLaunchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var host = new TerminalHost(options.Terminal);
        var shell = new TuiShell(options, (text, ct) => host.EditTextAsync(text, ".txt", ct));
        var connect = new ConnectScreen(shell);
        shell.Push(connect);

        // The embedded server starts now, off the loop, so the first frame (drawn in its "starting" state) does not
        // wait for it; keys work meanwhile and Ctrl+C leaves at once.
        connect.Start();
        using var pumpStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task pump = Task.CompletedTask;
        try
        {
            host.Start();
            var buffer = host.CreateBuffer();
            pump = PumpAsync(host, shell, pumpStop.Token);
            Render(host, shell, buffer);
            while (!shell.QuitRequested)
            {
                var action = await shell.Inbox.ReadAsync(cancellationToken).ConfigureAwait(false);
                action();
                while (!shell.QuitRequested && shell.Inbox.TryRead(out var more))
                {
                    more();
                }

                Render(host, shell, buffer);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C delivered as a signal or the caller stopped us: leave quietly.
        }
        finally
        {
            await pumpStop.CancelAsync().ConfigureAwait(false);
            host.Restore();
            try
            {
                await pump.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            // After the terminal is back: cancel work in flight, close the session, and let a server start that was
            // still running finish stopping (its database closed) before the process ends.
            await shell.DisposeAsync().ConfigureAwait(false);
            await connect.ShutdownAsync(ShutdownWait).ConfigureAwait(false);
        }

        return 0;
    }

    private static async Task PumpAsync(TerminalHost host, TuiShell shell, CancellationToken cancellationToken)
    {
        await foreach (var e in host.Events.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            switch (e.Kind)
            {
                case TerminalEventKind.Key:
                    shell.Post(() => shell.HandleKey(e.Key));
                    break;
                default:
                    shell.Post(static () => { });
                    break;
            }
        }

        // The input ended (terminal closed, or a pipe's writer finished): nothing more can be asked of us.
        shell.Post(shell.Quit);
    }

    private static void Render(TerminalHost host, TuiShell shell, ScreenBuffer buffer)
    {
        if (buffer.Width != host.Width || buffer.Height != host.Height)
        {
            buffer.Resize(host.Width, host.Height);
        }

        var cursor = shell.Draw(buffer);
        host.Render(buffer, cursor);
    }

    /// <summary>Renders a shell into a text screen of the given size (tests, snapshots).</summary>
    public static string Snapshot(TuiShell shell, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(shell);
        var buffer = new ScreenBuffer(width, height);
        shell.Draw(buffer);
        return buffer.ToText();
    }
}
