namespace GovReport.Terminal;

/// <summary>A key and what it does, shown in the status bar ("F1", "帮助").</summary>
public readonly record struct KeyHint(string Key, string Description);

/// <summary>A one-row bar: key hints on the left, an optional message on the right.</summary>
public static class StatusBar
{
    public static void Draw(ScreenBuffer buffer, Rect area, IReadOnlyList<KeyHint> hints, string? message, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(hints);
        ArgumentNullException.ThrowIfNull(theme);
        if (area.IsEmpty)
        {
            return;
        }

        var row = new Rect(area.X, area.Y, area.Width, 1);
        buffer.Fill(row, ' ', theme.StatusBar);

        // The message gets priority: it is usually an error or a result the user must see.
        var messageWidth = 0;
        if (!string.IsNullOrEmpty(message))
        {
            var shown = buffer.Truncate(message, Math.Max(0, area.Width - 1));
            messageWidth = buffer.Measure(shown) + 1;
            buffer.SetString(area.Right - messageWidth, area.Y, shown, theme.StatusBar);
        }

        var limit = area.Right - messageWidth - 1;
        var x = area.X;
        foreach (var hint in hints)
        {
            var need = buffer.Measure(hint.Key) + 1 + buffer.Measure(hint.Description);
            if (x + need > limit)
            {
                break;
            }

            x += buffer.SetString(x, area.Y, hint.Key, theme.StatusKey);
            x += buffer.SetString(x, area.Y, " " + hint.Description + "  ", theme.StatusBar, limit - x);
        }
    }
}
