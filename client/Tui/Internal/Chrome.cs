using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>Shared pieces of screen layout.</summary>
internal static class Chrome
{
    /// <summary>The top bar: product and screen title on the left, <paramref name="right"/> (e.g. the server) on the right.</summary>
    public static void TitleBar(ScreenBuffer buffer, Rect row, Theme theme, string title, string? right)
    {
        buffer.Fill(row, ' ', theme.StatusBar);
        var rightWidth = 0;
        if (!string.IsNullOrEmpty(right))
        {
            var shown = buffer.Truncate(right, Math.Max(0, row.Width / 3));
            rightWidth = buffer.Measure(shown) + 1;
            buffer.SetString(row.Right - rightWidth, row.Y, shown, theme.StatusBar);
        }

        buffer.SetString(row.X, row.Y, " 政府信息公开年报 │ " + title, theme.StatusBar, Math.Max(0, row.Width - rightWidth - 1));
    }

    /// <summary>A titled box; returns the inside. <paramref name="focused"/> draws the frame bold.</summary>
    public static Rect Panel(ScreenBuffer buffer, Rect area, Theme theme, string title, bool focused)
    {
        if (area.Width < 4 || area.Height < 3)
        {
            return new Rect(area.X, area.Y, 0, 0);
        }

        buffer.Fill(area, ' ', theme.Normal);
        buffer.DrawBox(area, focused ? theme.Header : theme.Border, focused ? BoxStyle.Heavy : BoxStyle.Single, title);
        return area.Inset(1);
    }

    /// <summary>Wraps <paramref name="text"/> to <paramref name="width"/> display columns (CJK-aware, never splitting a character).</summary>
    public static List<string> Wrap(string text, int width)
    {
        var lines = new List<string>();
        width = Math.Max(2, width);
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new System.Text.StringBuilder();
            var column = 0;
            var enumerator = System.Globalization.StringInfo.GetTextElementEnumerator(paragraph);
            while (enumerator.MoveNext())
            {
                var element = enumerator.GetTextElement();
                var w = DisplayWidth.Of(element);
                if (column + w > width && line.Length > 0)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    column = 0;
                }

                line.Append(element);
                column += w;
            }

            lines.Add(line.ToString());
        }

        return lines;
    }
}
