using System.Text;

namespace GovReport.Terminal;

/// <summary>
/// One screen cell: a base rune plus any zero-width characters that follow it (a grapheme),
/// its display width and style. A wide (width 2) cell is followed by a continuation cell (width 0)
/// that holds no text.
/// </summary>
public readonly struct Cell : IEquatable<Cell>
{
    public Cell(Rune rune, Style style, int width = 1, string? combining = null)
    {
        Rune = rune;
        Style = style;
        Width = (byte)width;
        Combining = combining;
    }

    /// <summary>A blank (space) cell.</summary>
    public static Cell Blank(Style style) => new(new Rune(' '), style);

    internal static Cell Continuation(Style style) => new(new Rune(' '), style, 0);

    public Rune Rune { get; }

    /// <summary>Zero-width characters (combining marks, ZWJ, variation selectors) drawn with <see cref="Rune"/>.</summary>
    public string? Combining { get; }

    /// <summary>0 for the continuation half of a wide character, else 1 or 2.</summary>
    public int Width { get; }

    public Style Style { get; }

    public bool IsContinuation => Width == 0;

    /// <summary>The grapheme text of the cell (empty for a continuation cell).</summary>
    public string Text => Width == 0 ? string.Empty : Combining is null ? Rune.ToString() : Rune.ToString() + Combining;

    public bool Equals(Cell other) =>
        Rune == other.Rune && Width == other.Width && Style == other.Style && string.Equals(Combining, other.Combining, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Cell other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Rune, Width, Style, Combining);

    public static bool operator ==(Cell left, Cell right) => left.Equals(right);

    public static bool operator !=(Cell left, Cell right) => !left.Equals(right);

    public override string ToString() => Text;
}
