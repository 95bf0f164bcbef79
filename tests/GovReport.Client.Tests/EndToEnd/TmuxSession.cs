using System.Diagnostics;
using System.Text;

namespace GovReport.Client.Tests.EndToEnd;

/// <summary>
/// A real terminal: a tmux server on a private socket with one session running a plain shell, driven by send-keys and read
/// with capture-pane. Waits poll the screen until the expected text appears (never a fixed sleep alone); a timeout fails
/// with the last screen. Disposing kills the private tmux server.
/// </summary>
public sealed class TmuxSession : IDisposable
{
    private const string Target = "e2e";
    private readonly string _socket = "govreport-e2e-" + Guid.NewGuid().ToString("N")[..12];

    public TmuxSession(int width, int height, string workingDirectory)
    {
        // A shell without rc files and with a fixed prompt, so the screen after the client exits is predictable.
        Run("new-session", "-d", "-x", width.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-y", height.ToString(System.Globalization.CultureInfo.InvariantCulture), "-s", Target, "-c", workingDirectory,
            "env PS1='$ ' bash --norc --noprofile");
        Run("set-option", "-t", Target, "remain-on-exit", "on");
    }

    /// <summary>True when a tmux binary runs on this machine.</summary>
    public static bool Available()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("tmux", "-V") { RedirectStandardOutput = true, RedirectStandardError = true });
            process!.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>Runs one tmux command on the private server and returns its output.</summary>
    public string Run(params string[] args)
    {
        var info = new ProcessStartInfo("tmux")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        info.ArgumentList.Add("-u");
        info.ArgumentList.Add("-L");
        info.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The client draws Chinese text: the tmux server and capture-pane must run in a UTF-8 locale.
        info.Environment["LANG"] = "C.UTF-8";
        info.Environment["LC_ALL"] = "C.UTF-8";
        info.Environment.Remove("TMUX");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
        }

        return output.Result;
    }

    /// <summary>Sends tmux key names ("Enter", "Down", "C-s", "F9") or single characters.</summary>
    public void Keys(params string[] keys) => Run(["send-keys", "-t", Target, .. keys]);

    /// <summary>Types text literally.</summary>
    public void Type(string text) => Run("send-keys", "-t", Target, "-l", text);

    /// <summary>The visible screen as text.</summary>
    public string Capture() => Run("capture-pane", "-p", "-t", Target);

    /// <summary>A tmux format value of the pane, e.g. "#{alternate_on}".</summary>
    public string Display(string format) => Run("display-message", "-p", "-t", Target, format).Trim();

    /// <summary>Polls the screen until <paramref name="condition"/> holds; fails with the last screen after <paramref name="timeout"/>.</summary>
    public async Task<string> WaitForAsync(string what, Func<string, bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        var screen = Capture();
        while (!condition(screen))
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"timed out waiting for {what}; last screen:\n{screen}");
            }

            await Task.Delay(100);
            screen = Capture();
        }

        return screen;
    }

    /// <summary>Polls until the screen contains every one of <paramref name="texts"/>.</summary>
    public Task<string> WaitForTextAsync(params string[] texts) =>
        WaitForAsync(string.Join(" + ", texts.Select(t => "“" + t + "”")), screen => texts.All(t => screen.Contains(t, StringComparison.Ordinal)));

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
