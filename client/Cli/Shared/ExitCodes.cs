namespace GovReport.Client.Cli.Shared;

/// <summary>Exit codes of the scripting subcommands (stable: scripts test them).</summary>
internal static class ExitCodes
{
    /// <summary>Done.</summary>
    public const int Ok = 0;

    /// <summary>The server refused or failed the request (e.g. submit while ERROR findings are open).</summary>
    public const int Failed = 1;

    /// <summary>Wrong command line, unreadable file, unreachable server.</summary>
    public const int Usage = 2;

    /// <summary>No, unknown, expired or revoked token, or the caller may not do this.</summary>
    public const int Auth = 3;
}

/// <summary>A usage or local I/O error; the message is Chinese and complete. Exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class CliUsageException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The command ran but its outcome is a failure (exit 1) that was already printed.</summary>
internal sealed class CliFailedException(string message) : Exception(message);
