using GovReport.Terminal;

namespace GovReport.Client.Tui;

/// <summary>
/// One screen of the full-screen client. Screens are plain objects driven by <see cref="HandleKey"/> and drawn by
/// <see cref="Draw"/>; they reach the server only through their <see cref="TuiShell"/> (async work comes back as
/// callbacks on the UI loop), so tests drive them directly with key sequences.
/// </summary>
public interface IScreen
{
    /// <summary>Chinese title (title bar, registry).</summary>
    string Title { get; }

    /// <summary>True for a dialog drawn over the screen below it.</summary>
    bool IsOverlay { get; }

    /// <summary>True while the user types free text: then q and ? are text, not commands.</summary>
    bool CapturesText { get; }

    /// <summary>Keys that work here, for the status bar.</summary>
    IReadOnlyList<KeyHint> StatusHints { get; }

    /// <summary>Lines of the help overlay (? or F1).</summary>
    IReadOnlyList<string> HelpText { get; }

    /// <summary>Where to show the terminal cursor after the last <see cref="Draw"/>; null hides it.</summary>
    Point? Cursor { get; }

    ScreenResult HandleKey(KeyEvent key);

    /// <summary>Draws the screen into <paramref name="area"/> (the whole screen minus the message line and status bar).</summary>
    void Draw(ScreenBuffer buffer, Rect area);
}

/// <summary>What the shell does after a key.</summary>
public enum ScreenAction
{
    /// <summary>The screen used the key.</summary>
    Handled,

    /// <summary>The screen did not use the key; the shell may (Esc, q, ?).</summary>
    Unhandled,

    /// <summary>Open <see cref="ScreenResult.Screen"/> on top.</summary>
    Push,

    /// <summary>Close this screen.</summary>
    Pop,

    /// <summary>Replace this screen with <see cref="ScreenResult.Screen"/>.</summary>
    Replace,

    /// <summary>Leave the client.</summary>
    Quit,
}

/// <summary>The outcome of <see cref="IScreen.HandleKey"/>.</summary>
public sealed record ScreenResult(ScreenAction Action, IScreen? Screen = null)
{
    public static ScreenResult Handled { get; } = new(ScreenAction.Handled);

    public static ScreenResult Unhandled { get; } = new(ScreenAction.Unhandled);

    public static ScreenResult Pop { get; } = new(ScreenAction.Pop);

    public static ScreenResult Quit { get; } = new(ScreenAction.Quit);

    public static ScreenResult PushScreen(IScreen screen) => new(ScreenAction.Push, screen);

    public static ScreenResult ReplaceWith(IScreen screen) => new(ScreenAction.Replace, screen);
}
