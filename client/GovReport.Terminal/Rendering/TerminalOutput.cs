using System.Text;

namespace GovReport.Terminal;

/// <summary>
/// Byte sink for terminal output over any <see cref="Stream"/> (stdout, or a MemoryStream in tests),
/// with the mode-switch sequences the host needs. Writes are serialised so that a restore triggered
/// by a signal never interleaves with a frame.
/// </summary>
public sealed class TerminalOutput
{
    public const string EnterAlternateScreenSequence = "\e[?1049h";
    public const string LeaveAlternateScreenSequence = "\e[?1049l";
    public const string HideCursorSequence = "\e[?25l";
    public const string ShowCursorSequence = "\e[?25h";
    public const string EnableBracketedPasteSequence = "\e[?2004h";
    public const string DisableBracketedPasteSequence = "\e[?2004l";
    public const string ResetStyleSequence = "\e[0m";

    private readonly Stream _stream;
    private readonly Lock _lock = new();
    private long _bytesWritten;

    public TerminalOutput(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
    }

    /// <summary>Total bytes written so far.</summary>
    public long BytesWritten => Interlocked.Read(ref _bytesWritten);

    /// <summary>Writes bytes and flushes: one call per frame.</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            _stream.Write(bytes);
            _stream.Flush();
            _bytesWritten += bytes.Length;
        }
    }

    /// <summary>Writes UTF-8 text and flushes.</summary>
    public void Write(string text) => Write(Encoding.UTF8.GetBytes(text));

    public void EnterAlternateScreen() => Write(EnterAlternateScreenSequence);

    public void LeaveAlternateScreen() => Write(LeaveAlternateScreenSequence);

    public void HideCursor() => Write(HideCursorSequence);

    public void ShowCursor() => Write(ShowCursorSequence);

    public void EnableBracketedPaste() => Write(EnableBracketedPasteSequence);

    public void DisableBracketedPaste() => Write(DisableBracketedPasteSequence);
}
