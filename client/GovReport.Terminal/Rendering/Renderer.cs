using System.Text;

namespace GovReport.Terminal;

/// <summary>
/// Draws frames to a terminal by diffing each new <see cref="ScreenBuffer"/> against the previous one
/// and writing only the changes, as one write per frame. Cursor moves use whichever of absolute (CUP)
/// or relative (CR, CUU/CUD/CUF/CUB, or re-printing a few unchanged cells) is shortest; SGR is emitted
/// only when the style changes. A resize or <see cref="Invalidate"/> forces a full redraw.
/// </summary>
public sealed class Renderer
{
    private const int MaxReprintGap = 4;
    private const TextAttributes MonochromeAttributes = TextAttributes.Bold | TextAttributes.Underline | TextAttributes.Reverse;

    private readonly TerminalOutput _output;
    private readonly StringBuilder _sb = new(4096);
    private readonly Encoder _encoder = new UTF8Encoding(false).GetEncoder();
    private ScreenBuffer? _previous;
    private bool _invalidated = true;
    private bool _fullFrame;
    private byte[] _bytes = new byte[16384];

    // What the terminal currently has. -1 / false = unknown, so the next frame states it explicitly.
    private int _cursorX = -1;
    private int _cursorY = -1;
    private Style _style;
    private bool _styleKnown;
    private bool? _cursorVisible;

    public Renderer(TerminalOutput output, ColorMode colorMode = ColorMode.Color16)
    {
        ArgumentNullException.ThrowIfNull(output);
        _output = output;
        ColorMode = colorMode;
    }

    public ColorMode ColorMode { get; }

    /// <summary>Forgets what is on screen so the next <see cref="Render"/> redraws everything.</summary>
    public void Invalidate()
    {
        // Keep the buffer allocated; only its contents are no longer trusted.
        _invalidated = true;
        _cursorX = -1;
        _cursorY = -1;
        _styleKnown = false;
        _cursorVisible = null;
    }

    /// <summary>
    /// Writes the difference between the last frame and <paramref name="next"/>, then places the cursor
    /// at <paramref name="cursor"/> (shown) or hides it when null. Returns the number of bytes written.
    /// </summary>
    public int Render(ScreenBuffer next, Point? cursor = null)
    {
        ArgumentNullException.ThrowIfNull(next);
        _sb.Clear();
        var full = _invalidated || _previous is null || _previous.Width != next.Width || _previous.Height != next.Height;
        _fullFrame = full;
        _invalidated = false;
        if (full)
        {
            // Reset first: erase-display paints with the current background.
            _sb.Append("\e[0m\e[H\e[2J");
            _style = Style.Default;
            _styleKnown = true;
            _cursorX = 0;
            _cursorY = 0;
        }

        if (cursor is null && _cursorVisible != false)
        {
            // Hide while drawing so the cursor does not flicker across the screen.
            _sb.Append(TerminalOutput.HideCursorSequence);
            _cursorVisible = false;
        }

        var blank = Cell.Blank(Style.Default);
        for (var y = 0; y < next.Height; y++)
        {
            var trailingBlank = next.Width;
            while (trailingBlank > 0 && next[trailingBlank - 1, y] == blank)
            {
                trailingBlank--;
            }

            var x = 0;
            while (x < next.Width)
            {
                var cell = next[x, y];
                var old = full ? blank : _previous![x, y];
                if (cell == old || cell.IsContinuation)
                {
                    x++;
                    continue;
                }

                if (x >= trailingBlank && next.Width - x > 3)
                {
                    // The rest of the row is blank: erase to end of line instead of printing spaces.
                    MoveTo(next, x, y);
                    ApplyStyle(Style.Default);
                    _sb.Append("\e[K");
                    break;
                }

                MoveTo(next, x, y);
                ApplyStyle(cell.Style);
                AppendCellText(cell);
                _cursorX += cell.Width;
                if (_cursorX >= next.Width)
                {
                    // Terminals differ on the pending-wrap state after the last column: treat as unknown.
                    _cursorX = -1;
                    _cursorY = -1;
                }

                x += cell.Width;
            }
        }

        if (cursor is { } c && c.X >= 0 && c.Y >= 0 && c.X < next.Width && c.Y < next.Height)
        {
            MoveTo(next, c.X, c.Y);
            if (_cursorVisible != true)
            {
                _sb.Append(TerminalOutput.ShowCursorSequence);
                _cursorVisible = true;
            }
        }
        else if (_cursorVisible != false)
        {
            _sb.Append(TerminalOutput.HideCursorSequence);
            _cursorVisible = false;
        }

        _previous ??= new ScreenBuffer(next.Width, next.Height, next.AmbiguousWide);
        _previous.CopyFrom(next);
        return Flush();
    }

    private int Flush()
    {
        if (_sb.Length == 0)
        {
            return 0;
        }

        var max = _sb.Length * 3;
        if (_bytes.Length < max)
        {
            _bytes = new byte[Math.Max(max, _bytes.Length * 2)];
        }

        var written = 0;
        foreach (var chunk in _sb.GetChunks())
        {
            written += _encoder.GetBytes(chunk.Span, _bytes.AsSpan(written), flush: false);
        }

        written += _encoder.GetBytes([], _bytes.AsSpan(written), flush: true);
        _output.Write(_bytes.AsSpan(0, written));
        return written;
    }

    private void AppendCellText(Cell cell)
    {
        var value = cell.Rune.Value;
        if (value < 0x10000)
        {
            _sb.Append((char)value);
        }
        else
        {
            Span<char> pair = stackalloc char[2];
            cell.Rune.EncodeToUtf16(pair);
            _sb.Append(pair);
        }

        if (cell.Combining is not null)
        {
            _sb.Append(cell.Combining);
        }
    }

    private Style Effective(Style style) =>
        ColorMode == ColorMode.Monochrome ? new Style(Color.Default, Color.Default, style.Attributes & MonochromeAttributes) : style;

    private void ApplyStyle(Style wanted)
    {
        var style = Effective(wanted);
        if (_styleKnown && style == _style)
        {
            return;
        }

        _sb.Append("\e[");
        var first = true;
        var reset = !_styleKnown || (_style.Attributes & ~style.Attributes) != 0;
        var from = reset ? Style.Default : _style;
        if (reset)
        {
            _sb.Append('0');
            first = false;
        }

        var added = style.Attributes & ~from.Attributes;
        AppendAttribute(added, TextAttributes.Bold, 1, ref first);
        AppendAttribute(added, TextAttributes.Dim, 2, ref first);
        AppendAttribute(added, TextAttributes.Underline, 4, ref first);
        AppendAttribute(added, TextAttributes.Reverse, 7, ref first);
        if (style.Foreground != from.Foreground)
        {
            AppendParameter(ColorCode(style.Foreground, 30, 90, 39), ref first);
        }

        if (style.Background != from.Background)
        {
            AppendParameter(ColorCode(style.Background, 40, 100, 49), ref first);
        }

        _sb.Append('m');
        _style = style;
        _styleKnown = true;
    }

    private void AppendAttribute(TextAttributes added, TextAttributes flag, int code, ref bool first)
    {
        if ((added & flag) != 0)
        {
            AppendParameter(code, ref first);
        }
    }

    private void AppendParameter(int value, ref bool first)
    {
        if (!first)
        {
            _sb.Append(';');
        }

        _sb.Append(value);
        first = false;
    }

    private static int ColorCode(Color color, int normalBase, int brightBase, int defaultCode) => color switch
    {
        Color.Default => defaultCode,
        < Color.BrightBlack => normalBase + (color - Color.Black),
        _ => brightBase + (color - Color.BrightBlack),
    };

    private void MoveTo(ScreenBuffer screen, int x, int y)
    {
        if (_cursorX == x && _cursorY == y)
        {
            return;
        }

        var known = _cursorX >= 0 && _cursorY >= 0;
        if (known && y == _cursorY && x > _cursorX && x - _cursorX <= MaxReprintGap && CanReprint(screen, _cursorX, x, y))
        {
            // Re-printing a few unchanged ASCII cells is shorter than any escape sequence.
            for (var i = _cursorX; i < x; i++)
            {
                _sb.Append((char)screen[i, y].Rune.Value);
            }

            _cursorX = x;
            return;
        }

        var absolute = CupLength(x, y);
        if (known)
        {
            var dy = y - _cursorY;
            var vertical = dy == 0 ? 0 : MoveLength(Math.Abs(dy));
            var dx = x - _cursorX;
            var horizontal = dx == 0 ? 0 : MoveLength(Math.Abs(dx));
            var viaCr = x == 0 ? 1 : 1 + MoveLength(x);
            var best = Math.Min(horizontal, viaCr);
            if (vertical + best < absolute)
            {
                if (dy != 0)
                {
                    AppendMove(Math.Abs(dy), dy > 0 ? 'B' : 'A');
                }

                if (viaCr < horizontal)
                {
                    _sb.Append('\r');
                    if (x > 0)
                    {
                        AppendMove(x, 'C');
                    }
                }
                else if (dx != 0)
                {
                    AppendMove(Math.Abs(dx), dx > 0 ? 'C' : 'D');
                }

                _cursorX = x;
                _cursorY = y;
                return;
            }
        }

        _sb.Append("\e[");
        if (x != 0 || y != 0)
        {
            _sb.Append(y + 1);
            if (x != 0)
            {
                _sb.Append(';').Append(x + 1);
            }
        }

        _sb.Append('H');
        _cursorX = x;
        _cursorY = y;
    }

    private bool CanReprint(ScreenBuffer screen, int from, int to, int y)
    {
        var style = Effective(_style);
        for (var i = from; i < to; i++)
        {
            var cell = screen[i, y];
            if (cell.Width != 1 || cell.Rune.Value >= 0x7F || cell.Combining is not null || Effective(cell.Style) != style)
            {
                return false;
            }

            // Only cells already on screen may be re-printed: after the clear of a full frame that is
            // a default blank, otherwise an unchanged cell.
            var onScreen = _fullFrame ? cell == Cell.Blank(Style.Default) : _previous is not null && _previous[i, y] == cell;
            if (!onScreen)
            {
                return false;
            }
        }

        return _styleKnown;
    }

    private void AppendMove(int n, char final)
    {
        _sb.Append("\e[");
        if (n != 1)
        {
            _sb.Append(n);
        }

        _sb.Append(final);
    }

    private static int MoveLength(int n) => n == 1 ? 3 : 3 + Digits(n);

    private static int CupLength(int x, int y) => (x, y) switch
    {
        (0, 0) => 3,
        (0, _) => 3 + Digits(y + 1),
        _ => 4 + Digits(y + 1) + Digits(x + 1),
    };

    private static int Digits(int n) => n < 10 ? 1 : n < 100 ? 2 : n < 1000 ? 3 : 4;
}
