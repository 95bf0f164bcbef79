namespace GovReport.Terminal;

/// <summary>How a <see cref="TerminalHost"/> is wired. The defaults use the process's stdin/stdout.</summary>
public sealed class TerminalOptions
{
    /// <summary>Input bytes; default stdin. When it is the real terminal, reads are paused during an editor hand-off.</summary>
    public Stream? Input { get; init; }

    /// <summary>Output bytes; default stdout.</summary>
    public Stream? Output { get; init; }

    /// <summary>Switch the tty to raw mode with stty (only when stdin is a terminal). Tests turn it off.</summary>
    public bool UseRawMode { get; init; } = true;

    /// <summary>Restore the terminal on SIGTERM/SIGINT/SIGHUP/SIGQUIT, process exit and unhandled exceptions.</summary>
    public bool HandleSignals { get; init; } = true;

    /// <summary>Size to use when the output is not a terminal (pipes, tests).</summary>
    public int FallbackWidth { get; init; } = 80;

    public int FallbackHeight { get; init; } = 24;

    /// <summary>Quiet time after which a lone ESC is taken as the Escape key.</summary>
    public TimeSpan EscapeTimeout { get; init; } = TimeSpan.FromMilliseconds(40);

    /// <summary>How often the size is re-checked in addition to SIGWINCH.</summary>
    public TimeSpan ResizePollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Measure East Asian ambiguous characters as 2 cells (CJK-configured terminals).</summary>
    public bool AmbiguousWide { get; init; }

    /// <summary>Environment lookup (NO_COLOR, TERM, VISUAL, EDITOR); injectable for tests.</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;
}
