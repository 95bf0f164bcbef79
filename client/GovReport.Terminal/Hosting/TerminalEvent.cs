namespace GovReport.Terminal;

public enum TerminalEventKind
{
    /// <summary>A key press or paste; see <see cref="TerminalEvent.Key"/>.</summary>
    Key,

    /// <summary>The terminal changed size (or was resumed): redraw at <see cref="TerminalEvent.Width"/> × <see cref="TerminalEvent.Height"/>.</summary>
    Resize,
}

/// <summary>Input from the <see cref="TerminalHost"/> host.</summary>
public readonly record struct TerminalEvent(TerminalEventKind Kind, KeyEvent Key = default, int Width = 0, int Height = 0)
{
    public static TerminalEvent FromKey(KeyEvent key) => new(TerminalEventKind.Key, key);

    public static TerminalEvent Resized(int width, int height) => new(TerminalEventKind.Resize, default, width, height);
}
