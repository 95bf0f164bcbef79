namespace GovReport.Terminal;

/// <summary>A centred box over whatever is already drawn (help, confirmations).</summary>
public static class Modal
{
    /// <summary>Draws a titled box sized to its lines (within <paramref name="screen"/>); returns the inner area.</summary>
    public static Rect Draw(ScreenBuffer buffer, Rect screen, string title, IReadOnlyList<string> lines, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(theme);
        var contentWidth = buffer.Measure(title) + 4;
        foreach (var line in lines)
        {
            contentWidth = Math.Max(contentWidth, buffer.Measure(line));
        }

        var box = screen.Center(Math.Min(contentWidth + 4, screen.Width - 2), Math.Min(lines.Count + 2, screen.Height - 2));
        if (box.Width < 3 || box.Height < 3)
        {
            return new Rect(box.X, box.Y, 0, 0);
        }

        buffer.Fill(box, ' ', theme.Modal);
        buffer.DrawBox(box, theme.Modal, BoxStyle.Single, title);
        var inner = new Rect(box.X + 2, box.Y + 1, box.Width - 4, box.Height - 2);
        for (var i = 0; i < lines.Count && i < inner.Height; i++)
        {
            Label.Draw(buffer, new Rect(inner.X, inner.Y + i, inner.Width, 1), lines[i], theme.Modal);
        }

        return inner;
    }
}
