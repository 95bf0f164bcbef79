using System.Globalization;

namespace GovReport.Terminal;

/// <summary>
/// Text and cursor of a single-line input. <see cref="Cursor"/> is a UTF-16 index on a grapheme
/// boundary, so a CJK character, an astral emoji or a letter with a combining accent moves as one.
/// </summary>
public readonly record struct TextInputState(string Text, int Cursor)
{
    public static TextInputState Empty => new(string.Empty, 0);

    public static TextInputState Of(string text) => new(text, text.Length);

    /// <summary>
    /// Applies an editing key: printable characters and pastes insert (newlines in a paste become spaces),
    /// Backspace/Delete remove a grapheme, Left/Right/Home/End (and Ctrl+A/E) move, Ctrl+U clears to the start,
    /// Ctrl+K to the end. Returns false, with the state unchanged, for keys it does not handle.
    /// </summary>
    public bool TryApply(KeyEvent key, out TextInputState result)
    {
        var text = Text ?? string.Empty;
        var cursor = Math.Clamp(Cursor, 0, text.Length);
        result = this;
        if (key.IsPrintable)
        {
            result = Insert(text, cursor, key.Rune.ToString());
            return true;
        }

        if (key.Key == Key.Paste)
        {
            var pasted = (key.Text ?? string.Empty).Replace('\n', ' ').Replace('\t', ' ');
            result = Insert(text, cursor, pasted);
            return true;
        }

        if (key.Modifiers == KeyModifiers.Ctrl && key.Key == Key.Char)
        {
            switch (key.Rune.Value)
            {
                case 'a':
                    result = new TextInputState(text, 0);
                    return true;
                case 'e':
                    result = new TextInputState(text, text.Length);
                    return true;
                case 'u':
                    result = new TextInputState(text[cursor..], 0);
                    return true;
                case 'k':
                    result = new TextInputState(text[..cursor], cursor);
                    return true;
                default:
                    return false;
            }
        }

        switch (key.Key)
        {
            case Key.Left:
                result = new TextInputState(text, PreviousBoundary(text, cursor));
                return true;
            case Key.Right:
                result = new TextInputState(text, cursor >= text.Length ? cursor : cursor + StringInfo.GetNextTextElementLength(text, cursor));
                return true;
            case Key.Home:
                result = new TextInputState(text, 0);
                return true;
            case Key.End:
                result = new TextInputState(text, text.Length);
                return true;
            case Key.Backspace:
                var previous = PreviousBoundary(text, cursor);
                result = new TextInputState(text.Remove(previous, cursor - previous), previous);
                return true;
            case Key.Delete:
                var length = cursor >= text.Length ? 0 : StringInfo.GetNextTextElementLength(text, cursor);
                result = new TextInputState(text.Remove(cursor, length), cursor);
                return true;
            default:
                return false;
        }
    }

    private static TextInputState Insert(string text, int cursor, string inserted) => new(text.Insert(cursor, inserted), cursor + inserted.Length);

    private static int PreviousBoundary(string text, int cursor)
    {
        var boundary = 0;
        var index = 0;
        while (index < cursor)
        {
            boundary = index;
            index += Math.Max(1, StringInfo.GetNextTextElementLength(text, index));
        }

        return boundary;
    }
}

/// <summary>Draws a <see cref="TextInputState"/> in one row, scrolled horizontally so the cursor is visible.</summary>
public static class TextInput
{
    /// <summary>Draws the input; returns the screen position for the terminal cursor.</summary>
    public static Point Draw(ScreenBuffer buffer, Rect area, TextInputState state, Style style)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var text = state.Text ?? string.Empty;
        var cursor = Math.Clamp(state.Cursor, 0, text.Length);
        var row = new Rect(area.X, area.Y, area.Width, 1);
        buffer.Fill(row, ' ', style);
        if (area.IsEmpty)
        {
            return new Point(area.X, area.Y);
        }

        // Keep the cursor in view, leaving its own cell free at the right edge.
        var cursorColumn = buffer.Measure(text.AsSpan(0, cursor));
        var scroll = Math.Max(0, cursorColumn - area.Width + 1);

        var column = 0;
        var index = 0;
        while (index < text.Length && column < scroll)
        {
            var length = StringInfo.GetNextTextElementLength(text, index);
            var width = buffer.Measure(text.AsSpan(index, length));
            if (column + width > scroll)
            {
                // A wide character cut by the left edge: show the visible half as a space.
                column += width;
                index += length;
                break;
            }

            column += width;
            index += length;
        }

        var x = area.X + (column - scroll);
        buffer.SetString(x, area.Y, text.AsSpan(index), style, area.Right - x);
        return new Point(area.X + cursorColumn - scroll, area.Y);
    }
}
