namespace GovReport.Terminal;

/// <summary>A one-row bar of tab titles with the selected one highlighted.</summary>
public static class TabBar
{
    public static void Draw(ScreenBuffer buffer, Rect area, IReadOnlyList<string> titles, int selected, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(titles);
        ArgumentNullException.ThrowIfNull(theme);
        if (area.IsEmpty)
        {
            return;
        }

        buffer.Fill(new Rect(area.X, area.Y, area.Width, 1), ' ', theme.Normal);
        var x = area.X;
        for (var i = 0; i < titles.Count && x < area.Right; i++)
        {
            var style = i == selected ? theme.TabActive : theme.TabInactive;
            x += buffer.SetString(x, area.Y, " " + titles[i] + " ", style, area.Right - x);
            if (i < titles.Count - 1 && x < area.Right)
            {
                x += buffer.SetString(x, area.Y, "│", theme.Border, area.Right - x);
            }
        }
    }
}
