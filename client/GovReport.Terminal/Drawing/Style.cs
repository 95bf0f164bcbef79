namespace GovReport.Terminal;

/// <summary>The 16 ANSI colours plus the terminal's default colour.</summary>
public enum Color : byte
{
    Default,
    Black,
    Red,
    Green,
    Yellow,
    Blue,
    Magenta,
    Cyan,
    White,
    BrightBlack,
    BrightRed,
    BrightGreen,
    BrightYellow,
    BrightBlue,
    BrightMagenta,
    BrightCyan,
    BrightWhite,
}

/// <summary>Text attributes; the ones that survive monochrome mode are Bold, Underline and Reverse.</summary>
[Flags]
public enum TextAttributes : byte
{
    None = 0,
    Bold = 1,
    Dim = 2,
    Underline = 4,
    Reverse = 8,
}

/// <summary>How a cell is drawn: foreground, background and attributes.</summary>
public readonly record struct Style(Color Foreground = Color.Default, Color Background = Color.Default, TextAttributes Attributes = TextAttributes.None)
{
    public static Style Default => default;

    public Style WithForeground(Color color) => this with { Foreground = color };

    public Style WithBackground(Color color) => this with { Background = color };

    public Style With(TextAttributes attributes) => this with { Attributes = Attributes | attributes };

    public Style Without(TextAttributes attributes) => this with { Attributes = Attributes & ~attributes };

    public bool Has(TextAttributes attributes) => (Attributes & attributes) == attributes;
}
