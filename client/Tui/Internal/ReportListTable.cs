using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// A column of a <see cref="ReportListTable"/>: <paramref name="Width"/> display columns (the minimum for a flex
/// column, which shares what is left), shown only when the table is at least <paramref name="MinTableWidth"/> wide.
/// </summary>
internal sealed record ReportListColumn(string Header, int Width, Alignment Align = Alignment.Left, bool Flex = false, int MinTableWidth = 0);

/// <summary>
/// A header row and one line per item, with the selected line highlighted and scrolled into view. Columns that do not
/// fit are left out (the wider the terminal, the more columns); text is cut by display width, never splitting a CJK
/// character.
/// </summary>
internal static class ReportListTable
{
    /// <summary>The widths of the columns in a table <paramref name="width"/> wide (0 = column hidden).</summary>
    public static int[] Layout(IReadOnlyList<ReportListColumn> columns, int width)
    {
        var widths = new int[columns.Count];
        var used = 0;
        var flex = new List<int>();
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            if (column.MinTableWidth > width || used + column.Width + 1 > width + 1)
            {
                continue;
            }

            widths[i] = column.Width;
            used += column.Width + 1;
            if (column.Flex)
            {
                flex.Add(i);
            }
        }

        // The space left (separators counted) goes to the flex columns, evenly.
        var spare = Math.Max(0, width - (used - 1));
        for (var k = 0; k < flex.Count; k++)
        {
            var share = spare / (flex.Count - k);
            widths[flex[k]] += share;
            spare -= share;
        }

        return widths;
    }

    /// <summary>Rows of items visible under the header in <paramref name="area"/>.</summary>
    public static int VisibleRows(Rect area) => Math.Max(1, area.Height - 1);

    /// <summary>
    /// Draws the header and the items (<paramref name="cell"/> gives (item, column) text); returns the state with the
    /// selection scrolled into view. <paramref name="rowStyle"/> may restyle an unselected item.
    /// </summary>
    public static ListState Draw(
        ScreenBuffer buffer,
        Rect area,
        IReadOnlyList<ReportListColumn> columns,
        int count,
        Func<int, int, string> cell,
        ListState state,
        Theme theme,
        bool focused = true,
        Func<int, Style?>? rowStyle = null)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(cell);
        if (area.IsEmpty)
        {
            return state;
        }

        buffer.Fill(area, ' ', theme.Normal);
        var widths = Layout(columns, area.Width);
        DrawLine(buffer, area.X, area.Y, area.Width, columns, widths, i => columns[i].Header, theme.Header);
        var rows = VisibleRows(area);
        state = state.EnsureVisible(rows);
        for (var r = 0; r < rows && r + 1 < area.Height; r++)
        {
            var item = state.Offset + r;
            if (item >= count)
            {
                break;
            }

            var style = item == state.Selected ? (focused ? theme.Selected : theme.Header) : rowStyle?.Invoke(item) ?? theme.Normal;
            var y = area.Y + 1 + r;
            buffer.Fill(new Rect(area.X, y, area.Width, 1), ' ', style);
            DrawLine(buffer, area.X, y, area.Width, columns, widths, c => cell(item, c), style);
        }

        return state;
    }

    private static void DrawLine(ScreenBuffer buffer, int x, int y, int width, IReadOnlyList<ReportListColumn> columns, int[] widths, Func<int, string> text, Style style)
    {
        var right = x + width;
        for (var c = 0; c < columns.Count && x < right; c++)
        {
            if (widths[c] == 0)
            {
                continue;
            }

            var w = Math.Min(widths[c], right - x);
            Label.Draw(buffer, new Rect(x, y, w, 1), text(c), style, columns[c].Align, fill: false);
            x += widths[c] + 1;
        }
    }
}
