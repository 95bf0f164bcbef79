using System.Text;

namespace GovReport.Terminal.Tests;

// A tiny VT emulator that understands exactly what Renderer emits (CUP, CUU/CUD/CUF/CUB, CR, SGR,
// ED 2, EL 0, cursor visibility, UTF-8 text) and models xterm's wide-character rules: writing over
// either half of a wide character erases the whole character. Anything else fails the test, and so
// does printing past the right margin (the renderer must never rely on auto-wrap).
internal sealed class FakeTerminal
{
    private readonly List<byte> _pending = [];
    private Cell[] _cells = [];
    private Style _style;

    public FakeTerminal(int width, int height)
    {
        Resize(width, height);
    }

    public int Width { get; private set; }

    public int Height { get; private set; }

    public int CursorX { get; private set; }

    public int CursorY { get; private set; }

    public bool CursorVisible { get; private set; } = true;

    // Resizing leaves garbage behind so a missing full redraw shows up.
    public void Resize(int width, int height)
    {
        Width = width;
        Height = height;
        _cells = new Cell[width * height];
        Array.Fill(_cells, new Cell(new Rune('#'), new Style(Color.Magenta)));
        CursorX = Math.Min(CursorX, width - 1);
        CursorY = Math.Min(CursorY, height - 1);
    }

    public Cell this[int x, int y] => _cells[(y * Width) + x];

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        _pending.AddRange(bytes.ToArray());
        var text = Encoding.UTF8.GetString(_pending.ToArray());
        _pending.Clear();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\e')
            {
                i = Escape(text, i);
            }
            else if (c == '\r')
            {
                CursorX = 0;
                _pendingWrap = false;
                i++;
            }
            else if (c < 0x20)
            {
                throw new InvalidOperationException($"unexpected control 0x{(int)c:X2}");
            }
            else
            {
                Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
                Print(rune);
                i += consumed;
            }
        }
    }

    public string Text()
    {
        var sb = new StringBuilder();
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                if (!this[x, y].IsContinuation)
                {
                    sb.Append(this[x, y].Text);
                }
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }

    private bool _pendingWrap;

    private void Print(Rune rune)
    {
        var width = DisplayWidth.Of(rune.Value);
        if (width == 0)
        {
            // Combining: joins the cell before the cursor.
            var px = _pendingWrap ? CursorX : CursorX - 1;
            if (px >= 0 && this[px, CursorY].IsContinuation)
            {
                px--;
            }

            var prev = this[px, CursorY];
            Set(px, CursorY, new Cell(prev.Rune, prev.Style, prev.Width, prev.Combining + rune.ToString()));
            return;
        }

        if (_pendingWrap || CursorX + width > Width)
        {
            throw new InvalidOperationException($"print of '{rune}' at ({CursorX},{CursorY}) would wrap");
        }

        EraseWideAt(CursorX, CursorY);
        if (width == 2)
        {
            EraseWideAt(CursorX + 1, CursorY);
        }

        Set(CursorX, CursorY, new Cell(rune, _style, width));
        if (width == 2)
        {
            Set(CursorX + 1, CursorY, new Cell(new Rune(' '), _style, 0));
        }

        CursorX += width;
        if (CursorX == Width)
        {
            CursorX = Width - 1;
            _pendingWrap = true;
        }
    }

    // Overwriting one half of a wide character erases the other half.
    private void EraseWideAt(int x, int y)
    {
        var cell = this[x, y];
        if (cell.IsContinuation)
        {
            Set(x - 1, y, Cell.Blank(Style.Default));
        }
        else if (cell.Width == 2 && x + 1 < Width)
        {
            Set(x + 1, y, Cell.Blank(Style.Default));
        }
    }

    private void Set(int x, int y, Cell cell) => _cells[(y * Width) + x] = cell;

    private int Escape(string text, int start)
    {
        if (start + 1 >= text.Length || text[start + 1] != '[')
        {
            throw new InvalidOperationException("only CSI sequences are expected");
        }

        var i = start + 2;
        var private_ = i < text.Length && text[i] == '?';
        if (private_)
        {
            i++;
        }

        var paramStart = i;
        while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == ';'))
        {
            i++;
        }

        var parameters = text[paramStart..i].Split(';');
        var final = text[i];
        int P(int index, int defaultValue) => index < parameters.Length && parameters[index].Length > 0 ? int.Parse(parameters[index], System.Globalization.CultureInfo.InvariantCulture) : defaultValue;
        if (private_)
        {
            if (P(0, 0) == 25)
            {
                CursorVisible = final == 'h';
            }

            return i + 1;
        }

        switch (final)
        {
            case 'H':
                CursorY = Math.Clamp(P(0, 1) - 1, 0, Height - 1);
                CursorX = Math.Clamp(P(1, 1) - 1, 0, Width - 1);
                _pendingWrap = false;
                break;
            case 'A':
                MoveRelative(0, -P(0, 1));
                break;
            case 'B':
                MoveRelative(0, P(0, 1));
                break;
            case 'C':
                MoveRelative(P(0, 1), 0);
                break;
            case 'D':
                MoveRelative(-P(0, 1), 0);
                break;
            case 'J':
                Assert.Equal(2, P(0, 0));
                Array.Fill(_cells, Cell.Blank(new Style(Color.Default, _style.Background)));
                break;
            case 'K':
                Assert.Equal(0, P(0, 0));
                EraseWideAt(CursorX, CursorY);
                for (var x = CursorX; x < Width; x++)
                {
                    Set(x, CursorY, Cell.Blank(new Style(Color.Default, _style.Background)));
                }

                _pendingWrap = false;
                break;
            case 'm':
                Sgr(parameters);
                break;
            default:
                throw new InvalidOperationException($"unexpected CSI final '{final}'");
        }

        return i + 1;
    }

    private void MoveRelative(int dx, int dy)
    {
        if (_pendingWrap)
        {
            throw new InvalidOperationException("relative move from the pending-wrap position is terminal-dependent");
        }

        CursorX = Math.Clamp(CursorX + dx, 0, Width - 1);
        CursorY = Math.Clamp(CursorY + dy, 0, Height - 1);
    }

    private void Sgr(string[] parameters)
    {
        foreach (var p in parameters)
        {
            var code = p.Length == 0 ? 0 : int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            _style = code switch
            {
                0 => Style.Default,
                1 => _style.With(TextAttributes.Bold),
                2 => _style.With(TextAttributes.Dim),
                4 => _style.With(TextAttributes.Underline),
                7 => _style.With(TextAttributes.Reverse),
                22 => _style.Without(TextAttributes.Bold | TextAttributes.Dim),
                24 => _style.Without(TextAttributes.Underline),
                27 => _style.Without(TextAttributes.Reverse),
                >= 30 and <= 37 => _style.WithForeground((Color)((int)Color.Black + code - 30)),
                39 => _style.WithForeground(Color.Default),
                >= 40 and <= 47 => _style.WithBackground((Color)((int)Color.Black + code - 40)),
                49 => _style.WithBackground(Color.Default),
                >= 90 and <= 97 => _style.WithForeground((Color)((int)Color.BrightBlack + code - 90)),
                >= 100 and <= 107 => _style.WithBackground((Color)((int)Color.BrightBlack + code - 100)),
                _ => throw new InvalidOperationException($"unexpected SGR {code}"),
            };
        }
    }
}
