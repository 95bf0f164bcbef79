namespace GovReport.Terminal;

/// <summary>One line of text in the top row of an area, truncated with "…" to fit.</summary>
public static class Label
{
    /// <summary>Fills the row of <paramref name="area"/> with <paramref name="style"/> and draws the text aligned in it.</summary>
    public static void Draw(ScreenBuffer buffer, Rect area, string text, Style style, Alignment alignment = Alignment.Left, bool fill = true)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (area.IsEmpty)
        {
            return;
        }

        var row = new Rect(area.X, area.Y, area.Width, 1);
        if (fill)
        {
            buffer.Fill(row, ' ', style);
        }

        var shown = buffer.Truncate(text, area.Width);
        var width = buffer.Measure(shown);
        var x = alignment switch
        {
            Alignment.Right => area.Right - width,
            Alignment.Center => area.X + ((area.Width - width) / 2),
            _ => area.X,
        };
        buffer.SetString(x, area.Y, shown, style, area.Right - x);
    }
}
