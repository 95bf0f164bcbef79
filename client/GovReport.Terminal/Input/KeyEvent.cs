using System.Text;

namespace GovReport.Terminal;

/// <summary>Keys the decoder reports. Printable input is <see cref="Char"/>; a bracketed paste is <see cref="Paste"/>.</summary>
public enum Key
{
    None,
    Char,
    Enter,
    Tab,
    Backspace,
    Escape,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    Insert,
    Delete,
    F1,
    F2,
    F3,
    F4,
    F5,
    F6,
    F7,
    F8,
    F9,
    F10,
    F11,
    F12,
    Paste,
}

[Flags]
public enum KeyModifiers
{
    None = 0,
    Shift = 1,
    Alt = 2,
    Ctrl = 4,
}

/// <summary>
/// One decoded key press. For <see cref="Key.Char"/>, <see cref="Rune"/> is the character
/// (for Ctrl+letter, the lower-case letter with <see cref="KeyModifiers.Ctrl"/>).
/// For <see cref="Key.Paste"/>, <see cref="Text"/> is the whole pasted text (newlines as "\n").
/// </summary>
public readonly record struct KeyEvent(Key Key, KeyModifiers Modifiers = KeyModifiers.None, Rune Rune = default, string? Text = null)
{
    public static KeyEvent Char(Rune rune, KeyModifiers modifiers = KeyModifiers.None) => new(Key.Char, modifiers, rune);

    public static KeyEvent Char(char ch, KeyModifiers modifiers = KeyModifiers.None) => new(Key.Char, modifiers, new Rune(ch));

    public static KeyEvent Ctrl(char letter) => new(Key.Char, KeyModifiers.Ctrl, new Rune(char.ToLowerInvariant(letter)));

    public static KeyEvent Paste(string text) => new(Key.Paste, KeyModifiers.None, default, text);

    public bool HasModifier(KeyModifiers modifiers) => (Modifiers & modifiers) == modifiers;

    /// <summary>True for Ctrl+<paramref name="letter"/> (e.g. IsCtrl('c') for Ctrl+C).</summary>
    public bool IsCtrl(char letter) => Key == Key.Char && Modifiers == KeyModifiers.Ctrl && Rune.Value == char.ToLowerInvariant(letter);

    /// <summary>A printable character typed without Ctrl or Alt.</summary>
    public bool IsPrintable => Key == Key.Char && (Modifiers & (KeyModifiers.Ctrl | KeyModifiers.Alt)) == 0;

    public override string ToString()
    {
        var sb = new StringBuilder();
        if (HasModifier(KeyModifiers.Ctrl))
        {
            sb.Append("Ctrl+");
        }

        if (HasModifier(KeyModifiers.Alt))
        {
            sb.Append("Alt+");
        }

        if (HasModifier(KeyModifiers.Shift))
        {
            sb.Append("Shift+");
        }

        return Key switch
        {
            Key.Char => sb.Append(Rune.ToString()).ToString(),
            Key.Paste => $"Paste({Text?.Length ?? 0} chars)",
            _ => sb.Append(Key).ToString(),
        };
    }
}
