using System.Text;

namespace GovReport.Terminal;

/// <summary>Line sets for <see cref="ScreenBuffer.DrawBox"/>.</summary>
public enum BoxStyle
{
    Single,
    Double,
    Rounded,
    Heavy,
}

/// <summary>
/// A width × height grid of cells that widgets draw into and the renderer diffs. A wide character
/// occupies its cell and a continuation cell; overwriting either half blanks the other, so the grid
/// never holds half a wide character. Drawing is limited to <see cref="Clip"/>.
/// (Named ScreenBuffer rather than Buffer so it does not clash with System.Buffer under implicit usings.)
/// </summary>
public sealed class ScreenBuffer
{
    private Cell[] _cells;
    private Rect _clip;

    public ScreenBuffer(int width, int height, bool ambiguousWide = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(width);
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        Width = width;
        Height = height;
        AmbiguousWide = ambiguousWide;
        _cells = new Cell[width * height];
        _clip = Area;
        Array.Fill(_cells, Cell.Blank(Style.Default));
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    /// <summary>Whether East Asian ambiguous characters are measured as 2 cells (a CJK terminal setting).</summary>
    public bool AmbiguousWide { get; }

    public Rect Area => new(0, 0, Width, Height);

    /// <summary>The rectangle drawing is limited to; always inside <see cref="Area"/>.</summary>
    public Rect Clip
    {
        get => _clip;
        set => _clip = value.Intersect(Area);
    }

    public Cell this[int x, int y] => _cells[(y * Width) + x];

    /// <summary>Narrows the clip to <paramref name="rect"/> until the returned scope is disposed.</summary>
    public ClipScope PushClip(Rect rect)
    {
        var scope = new ClipScope(this, _clip);
        Clip = _clip.Intersect(rect);
        return scope;
    }

    /// <summary>Display width of <paramref name="text"/> under this buffer's ambiguous-width setting.</summary>
    public int Measure(ReadOnlySpan<char> text) => DisplayWidth.Of(text, AmbiguousWide);

    /// <summary>Truncates <paramref name="text"/> to <paramref name="maxWidth"/> cells with a trailing "…".</summary>
    public string Truncate(string text, int maxWidth) => DisplayWidth.Truncate(text, maxWidth, AmbiguousWide);

    /// <summary>Resizes to a new size; contents are cleared and the clip is reset.</summary>
    public void Resize(int width, int height)
    {
        Width = width;
        Height = height;
        _cells = new Cell[width * height];
        _clip = Area;
        Array.Fill(_cells, Cell.Blank(Style.Default));
    }

    /// <summary>Copies size and contents from another buffer.</summary>
    public void CopyFrom(ScreenBuffer other)
    {
        if (other.Width != Width || other.Height != Height)
        {
            Resize(other.Width, other.Height);
        }

        other._cells.AsSpan().CopyTo(_cells);
    }

    /// <summary>Blanks the whole buffer (ignores the clip) and resets the clip.</summary>
    public void Clear(Style style = default)
    {
        _clip = Area;
        Array.Fill(_cells, Cell.Blank(style));
    }

    /// <summary>Fills a region (within the clip) with a character.</summary>
    public void Fill(Rect rect, char ch, Style style)
    {
        var r = rect.Intersect(_clip);
        for (var y = r.Y; y < r.Bottom; y++)
        {
            for (var x = r.X; x < r.Right; x++)
            {
                SetRune(x, y, new Rune(ch), style);
            }
        }
    }

    /// <summary>Changes the style of every cell in a region (within the clip), keeping the text.</summary>
    public void SetStyle(Rect rect, Style style)
    {
        var r = rect.Intersect(_clip);
        for (var y = r.Y; y < r.Bottom; y++)
        {
            for (var x = r.X; x < r.Right; x++)
            {
                ref var cell = ref _cells[(y * Width) + x];
                cell = new Cell(cell.Rune, style, cell.Width, cell.Combining);
            }
        }

        // Keep both halves of a wide character cut by the region edge in one style.
        for (var y = r.Y; y < r.Bottom; y++)
        {
            if (r.X > 0 && _cells[(y * Width) + r.X].IsContinuation)
            {
                ref var head = ref _cells[(y * Width) + r.X - 1];
                head = new Cell(head.Rune, style, head.Width, head.Combining);
            }

            if (r.Right < Width && _cells[(y * Width) + r.Right].IsContinuation)
            {
                ref var tail = ref _cells[(y * Width) + r.Right];
                tail = new Cell(tail.Rune, style, tail.Width, tail.Combining);
            }
        }
    }

    /// <summary>
    /// Writes one rune at (x, y) if inside the clip. A wide rune whose right half falls outside the clip
    /// is written as a space. Returns the number of columns advanced (0, 1 or 2).
    /// </summary>
    public int SetRune(int x, int y, Rune rune, Style style)
    {
        var width = DisplayWidth.Of(rune.Value, AmbiguousWide);
        if (width == 0)
        {
            return 0;
        }

        if (!_clip.Contains(x, y))
        {
            // The right half of a wide rune may still be visible at the clip's left edge.
            if (width == 2 && _clip.Contains(x + 1, y))
            {
                Put(x + 1, y, Cell.Blank(style));
            }

            return width;
        }

        if (width == 2 && x + 1 >= _clip.Right)
        {
            Put(x, y, Cell.Blank(style));
            return 2;
        }

        Put(x, y, new Cell(rune, style, width));
        return width;
    }

    /// <summary>
    /// Writes text starting at (x, y), at most <paramref name="maxWidth"/> columns, within the clip.
    /// Never splits a wide character: one that would straddle the limit is replaced by a space.
    /// Control characters are skipped; zero-width characters join the preceding cell.
    /// Returns the number of columns written (or skipped by clipping).
    /// </summary>
    public int SetString(int x, int y, ReadOnlySpan<char> text, Style style, int maxWidth = int.MaxValue)
    {
        var limit = (int)Math.Min((long)x + Math.Max(0, maxWidth), int.MaxValue);
        var start = x;
        var lastIndex = -1;
        var rowVisible = y >= _clip.Y && y < _clip.Bottom;
        foreach (var rune in text.EnumerateRunes())
        {
            var value = rune.Value;
            var width = DisplayWidth.Of(value, AmbiguousWide);
            if (width == 0)
            {
                var isControl = value < 0x20 || value is >= 0x7F and < 0xA0;
                if (!isControl && lastIndex >= 0)
                {
                    var prev = _cells[lastIndex];
                    _cells[lastIndex] = new Cell(prev.Rune, prev.Style, prev.Width, prev.Combining + rune.ToString());
                }

                continue;
            }

            if (x + width > limit)
            {
                if (width == 2 && x < limit && rowVisible && x >= _clip.X && x < _clip.Right)
                {
                    Put(x, y, Cell.Blank(style));
                    x++;
                }

                break;
            }

            lastIndex = -1;
            if (rowVisible)
            {
                var visible = x >= _clip.X && x < _clip.Right;
                if (visible && (width == 1 || x + 1 < _clip.Right))
                {
                    Put(x, y, new Cell(rune, style, width));
                    lastIndex = (y * Width) + x;
                }
                else if (visible)
                {
                    Put(x, y, Cell.Blank(style));
                }
                else if (width == 2 && x + 1 == _clip.X)
                {
                    Put(x + 1, y, Cell.Blank(style));
                }
            }

            x += width;
        }

        return x - start;
    }

    /// <summary>Draws a horizontal line of <paramref name="ch"/>.</summary>
    public void HorizontalLine(int x, int y, int length, Style style, char ch = '─')
    {
        for (var i = 0; i < length; i++)
        {
            SetRune(x + i, y, new Rune(ch), style);
        }
    }

    /// <summary>Draws a vertical line of <paramref name="ch"/>.</summary>
    public void VerticalLine(int x, int y, int length, Style style, char ch = '│')
    {
        for (var i = 0; i < length; i++)
        {
            SetRune(x, y + i, new Rune(ch), style);
        }
    }

    /// <summary>Draws a box on the edge of <paramref name="rect"/>, optionally with a title in the top edge.</summary>
    public void DrawBox(Rect rect, Style style, BoxStyle box = BoxStyle.Single, string? title = null)
    {
        if (rect.Width < 2 || rect.Height < 2)
        {
            return;
        }

        var (h, v, tl, tr, bl, br) = box switch
        {
            BoxStyle.Double => ('═', '║', '╔', '╗', '╚', '╝'),
            BoxStyle.Rounded => ('─', '│', '╭', '╮', '╰', '╯'),
            BoxStyle.Heavy => ('━', '┃', '┏', '┓', '┗', '┛'),
            _ => ('─', '│', '┌', '┐', '└', '┘'),
        };
        HorizontalLine(rect.X + 1, rect.Y, rect.Width - 2, style, h);
        HorizontalLine(rect.X + 1, rect.Bottom - 1, rect.Width - 2, style, h);
        VerticalLine(rect.X, rect.Y + 1, rect.Height - 2, style, v);
        VerticalLine(rect.Right - 1, rect.Y + 1, rect.Height - 2, style, v);
        SetRune(rect.X, rect.Y, new Rune(tl), style);
        SetRune(rect.Right - 1, rect.Y, new Rune(tr), style);
        SetRune(rect.X, rect.Bottom - 1, new Rune(bl), style);
        SetRune(rect.Right - 1, rect.Bottom - 1, new Rune(br), style);
        if (!string.IsNullOrEmpty(title) && rect.Width > 4)
        {
            var text = Truncate(" " + title + " ", rect.Width - 4);
            SetString(rect.X + 2, rect.Y, text, style.With(TextAttributes.Bold), rect.Width - 4);
        }
    }

    /// <summary>The text of one row, continuation cells skipped.</summary>
    public string LineText(int y, bool trimEnd = false)
    {
        var sb = new StringBuilder(Width);
        AppendLine(sb, y);
        var line = sb.ToString();
        return trimEnd ? line.TrimEnd(' ') : line;
    }

    /// <summary>The whole screen as text, one line per row (for snapshots and tests).</summary>
    public string ToText(bool trimEnd = true)
    {
        var sb = new StringBuilder(Height * (Width + 1));
        for (var y = 0; y < Height; y++)
        {
            var lineStart = sb.Length;
            AppendLine(sb, y);
            if (trimEnd)
            {
                var end = sb.Length;
                while (end > lineStart && sb[end - 1] == ' ')
                {
                    end--;
                }

                sb.Length = end;
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private void AppendLine(StringBuilder sb, int y)
    {
        for (var x = 0; x < Width; x++)
        {
            var cell = _cells[(y * Width) + x];
            if (cell.IsContinuation)
            {
                continue;
            }

            sb.Append(cell.Rune.ToString());
            if (cell.Combining is not null)
            {
                sb.Append(cell.Combining);
            }
        }
    }

    // Stores a cell, keeping the "no half wide character" invariant. (x, y) is inside the buffer;
    // for a wide cell, x + 1 is too.
    private void Put(int x, int y, Cell cell)
    {
        var i = (y * Width) + x;
        var old = _cells[i];
        if (old.IsContinuation && x > 0)
        {
            _cells[i - 1] = Cell.Blank(_cells[i - 1].Style);
        }
        else if (old.Width == 2 && x + 1 < Width)
        {
            _cells[i + 1] = Cell.Blank(_cells[i + 1].Style);
        }

        _cells[i] = cell;
        if (cell.Width == 2)
        {
            var next = _cells[i + 1];
            if (next.Width == 2 && x + 2 < Width)
            {
                _cells[i + 2] = Cell.Blank(_cells[i + 2].Style);
            }

            _cells[i + 1] = Cell.Continuation(cell.Style);
        }
    }

    /// <summary>Restores the previous clip when disposed.</summary>
    public readonly struct ClipScope : IDisposable
    {
        private readonly ScreenBuffer? _buffer;
        private readonly Rect _saved;

        internal ClipScope(ScreenBuffer buffer, Rect saved)
        {
            _buffer = buffer;
            _saved = saved;
        }

        public void Dispose()
        {
            if (_buffer is not null)
            {
                _buffer._clip = _saved;
            }
        }
    }
}
