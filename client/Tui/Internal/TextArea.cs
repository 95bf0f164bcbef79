using System.Globalization;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// A simple multi-line text editor for the narrative parts: wraps by display width (CJK = 2), never splits a
/// character, cursor on text-element boundaries; Enter inserts a line break, pastes arrive whole.
/// </summary>
internal sealed class TextArea(string text)
{
    private int _scroll;
    private int _width = 40;
    private int _height = 10;

    public string Text { get; private set; } = text.Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>UTF-16 index of the cursor (on a text-element boundary).</summary>
    public int Cursor { get; private set; }

    public void SetText(string value)
    {
        Text = value.Replace("\r\n", "\n", StringComparison.Ordinal);
        Cursor = Math.Min(Cursor, Text.Length);
    }

    /// <summary>Applies an editing key; false for keys it does not use.</summary>
    public bool Apply(KeyEvent key)
    {
        if (key.IsPrintable)
        {
            Insert(key.Rune.ToString());
            return true;
        }

        switch (key.Key)
        {
            case Key.Paste:
                Insert((key.Text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal));
                return true;
            case Key.Enter:
                Insert("\n");
                return true;
            case Key.Backspace when Cursor > 0:
                var previous = PreviousBoundary(Cursor);
                Text = Text.Remove(previous, Cursor - previous);
                Cursor = previous;
                return true;
            case Key.Delete when Cursor < Text.Length:
                Text = Text.Remove(Cursor, StringInfo.GetNextTextElementLength(Text, Cursor));
                return true;
            case Key.Backspace or Key.Delete:
                return true;
            case Key.Left:
                Cursor = PreviousBoundary(Cursor);
                return true;
            case Key.Right:
                Cursor = Cursor < Text.Length ? Cursor + StringInfo.GetNextTextElementLength(Text, Cursor) : Cursor;
                return true;
            case Key.Up:
                MoveLines(-1);
                return true;
            case Key.Down:
                MoveLines(1);
                return true;
            case Key.PageUp:
                MoveLines(-Math.Max(1, _height - 1));
                return true;
            case Key.PageDown:
                MoveLines(Math.Max(1, _height - 1));
                return true;
            case Key.Home:
                Cursor = Layout(_width)[LineOf(Layout(_width), Cursor)].Start;
                return true;
            case Key.End:
                var lines = Layout(_width);
                Cursor = lines[LineOf(lines, Cursor)].End;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Draws the text wrapped into <paramref name="area"/>; returns the cursor position.</summary>
    public Point Draw(ScreenBuffer buffer, Rect area, Style style)
    {
        _width = Math.Max(2, area.Width);
        _height = Math.Max(1, area.Height);
        buffer.Fill(area, ' ', style);
        var lines = Layout(_width);
        var cursorLine = LineOf(lines, Cursor);
        _scroll = Math.Clamp(_scroll, Math.Max(0, cursorLine - _height + 1), cursorLine);
        for (var i = 0; i < _height && _scroll + i < lines.Count; i++)
        {
            var line = lines[_scroll + i];
            buffer.SetString(area.X, area.Y + i, Text.AsSpan(line.Start, line.End - line.Start), style, area.Width);
        }

        var column = DisplayWidth.Of(Text.AsSpan(lines[cursorLine].Start, Cursor - lines[cursorLine].Start));
        return new Point(area.X + Math.Min(column, area.Width - 1), area.Y + cursorLine - _scroll);
    }

    private void Insert(string value)
    {
        Text = Text.Insert(Cursor, value);
        Cursor += value.Length;
    }

    private int PreviousBoundary(int index)
    {
        var previous = 0;
        var i = 0;
        while (i < index)
        {
            previous = i;
            i += StringInfo.GetNextTextElementLength(Text, i);
        }

        return previous;
    }

    private void MoveLines(int delta)
    {
        var lines = Layout(_width);
        var current = LineOf(lines, Cursor);
        var column = DisplayWidth.Of(Text.AsSpan(lines[current].Start, Cursor - lines[current].Start));
        var target = lines[Math.Clamp(current + delta, 0, lines.Count - 1)];
        var index = target.Start;
        var width = 0;
        while (index < target.End)
        {
            var length = StringInfo.GetNextTextElementLength(Text, index);
            var w = DisplayWidth.Of(Text.AsSpan(index, length));
            if (width + w > column)
            {
                break;
            }

            width += w;
            index += length;
        }

        Cursor = index;
    }

    private static int LineOf(List<(int Start, int End)> lines, int cursor)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (cursor >= lines[i].Start)
            {
                return i;
            }
        }

        return 0;
    }

    /// <summary>Visual lines as [Start, End) ranges, excluding the line break; wraps keep one column for the cursor.</summary>
    private List<(int Start, int End)> Layout(int width)
    {
        var lines = new List<(int Start, int End)>();
        var start = 0;
        var column = 0;
        var i = 0;
        while (i < Text.Length)
        {
            if (Text[i] == '\n')
            {
                lines.Add((start, i));
                i++;
                start = i;
                column = 0;
                continue;
            }

            var length = StringInfo.GetNextTextElementLength(Text, i);
            var w = DisplayWidth.Of(Text.AsSpan(i, length));
            if (column + w > width - 1 && i > start)
            {
                lines.Add((start, i));
                start = i;
                column = 0;
            }

            column += w;
            i += length;
        }

        lines.Add((start, Text.Length));
        return lines;
    }
}
