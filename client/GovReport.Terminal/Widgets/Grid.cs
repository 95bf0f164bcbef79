using System.Globalization;

namespace GovReport.Terminal;

public enum GridCellKind
{
    /// <summary>Nothing entered yet; drawn as a dim "·", distinct from zero.</summary>
    Blank,

    /// <summary>A count, right-aligned.</summary>
    Number,

    /// <summary>Free text, left-aligned.</summary>
    Text,
}

/// <summary>What one grid cell shows. <see cref="Finding"/> marks a validation finding on the cell.</summary>
public readonly record struct GridCell(GridCellKind Kind, long Number = 0, string? Text = null, bool Finding = false)
{
    public static GridCell Blank => default;

    public static GridCell Of(long number) => new(GridCellKind.Number, number);

    public static GridCell OfText(string text) => new(GridCellKind.Text, 0, text);

    public GridCell WithFinding(bool finding = true) => this with { Finding = finding };
}

/// <summary>
/// The static shape of a grid: headers, row labels, column widths (display cells) and a cell source.
/// </summary>
public sealed class GridModel
{
    public GridModel(string cornerHeader, IReadOnlyList<string> columnHeaders, IReadOnlyList<int> columnWidths, IReadOnlyList<string> rowLabels, int rowLabelWidth, Func<int, int, GridCell> cells)
    {
        ArgumentNullException.ThrowIfNull(columnHeaders);
        ArgumentNullException.ThrowIfNull(columnWidths);
        ArgumentNullException.ThrowIfNull(rowLabels);
        ArgumentNullException.ThrowIfNull(cells);
        if (columnHeaders.Count != columnWidths.Count)
        {
            throw new ArgumentException("Every column needs a width.", nameof(columnWidths));
        }

        CornerHeader = cornerHeader;
        ColumnHeaders = columnHeaders;
        ColumnWidths = columnWidths;
        RowLabels = rowLabels;
        RowLabelWidth = rowLabelWidth;
        Cells = cells;
    }

    public string CornerHeader { get; }

    public IReadOnlyList<string> ColumnHeaders { get; }

    public IReadOnlyList<int> ColumnWidths { get; }

    public IReadOnlyList<string> RowLabels { get; }

    public int RowLabelWidth { get; }

    /// <summary>(row, column) → cell.</summary>
    public Func<int, int, GridCell> Cells { get; }

    public int RowCount => RowLabels.Count;

    public int ColumnCount => ColumnHeaders.Count;
}

/// <summary>Selected cell and scroll offsets of a <see cref="GridView"/>.</summary>
public readonly record struct GridState(int Row = 0, int Column = 0, int RowOffset = 0, int ColumnOffset = 0)
{
    /// <summary>Moves the selection (clamped to the model).</summary>
    public GridState Move(int rows, int columns, GridModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return this with
        {
            Row = Math.Clamp(Row + rows, 0, Math.Max(0, model.RowCount - 1)),
            Column = Math.Clamp(Column + columns, 0, Math.Max(0, model.ColumnCount - 1)),
        };
    }
}

/// <summary>
/// A table of counts: a header row, a label column (CJK labels truncated by display width with "…"),
/// right-aligned numbers, blank cells shown as a dim "·" (so blank and 0 differ), the selected cell
/// highlighted and cells with findings marked. Scrolls rows and columns to keep the selection visible.
/// </summary>
public static class GridView
{
    /// <summary>Text shown for a blank cell.</summary>
    public const string BlankMark = "·";

    /// <summary>Rows of data that fit in <paramref name="area"/> (two rows go to the header and its rule).</summary>
    public static int VisibleRows(Rect area) => Math.Max(1, area.Height - 2);

    /// <summary>Draws the grid; returns the state with offsets adjusted so the selection is visible.</summary>
    public static GridState Draw(ScreenBuffer buffer, Rect area, GridModel model, GridState state, Theme theme)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(theme);
        if (area.IsEmpty)
        {
            return state;
        }

        state = Scroll(area, model, state);
        buffer.Fill(area, ' ', theme.Normal);
        using var clip = buffer.PushClip(area);
        var labelWidth = Math.Min(model.RowLabelWidth, area.Width);
        var y = area.Y;

        // Header row and the rule under it.
        Label.Draw(buffer, new Rect(area.X, y, labelWidth, 1), model.CornerHeader, theme.Header);
        var x = area.X + labelWidth;
        var lastColumn = state.ColumnOffset;
        for (var c = state.ColumnOffset; c < model.ColumnCount && x + 1 + model.ColumnWidths[c] <= area.Right; c++)
        {
            buffer.SetString(x, y, "│", theme.Border);
            Label.Draw(buffer, new Rect(x + 1, y, model.ColumnWidths[c], 1), model.ColumnHeaders[c], theme.Header, Alignment.Center);
            x += 1 + model.ColumnWidths[c];
            lastColumn = c;
        }

        var tableRight = x;
        if (area.Height > 1)
        {
            buffer.HorizontalLine(area.X, y + 1, tableRight - area.X, theme.Border);
            x = area.X + labelWidth;
            for (var c = state.ColumnOffset; c <= lastColumn && c < model.ColumnCount; c++)
            {
                buffer.SetString(x, y + 1, "┼", theme.Border);
                x += 1 + model.ColumnWidths[c];
            }
        }

        var visibleRows = VisibleRows(area);
        for (var i = 0; i < visibleRows && state.RowOffset + i < model.RowCount; i++)
        {
            var row = state.RowOffset + i;
            var rowY = area.Y + 2 + i;
            if (rowY >= area.Bottom)
            {
                break;
            }

            var labelStyle = row == state.Row ? theme.Header : theme.Normal;
            Label.Draw(buffer, new Rect(area.X, rowY, labelWidth, 1), model.RowLabels[row], labelStyle);
            x = area.X + labelWidth;
            for (var c = state.ColumnOffset; c <= lastColumn && c < model.ColumnCount; c++)
            {
                var width = model.ColumnWidths[c];
                buffer.SetString(x, rowY, "│", theme.Border);
                DrawCell(buffer, new Rect(x + 1, rowY, width, 1), model.Cells(row, c), row == state.Row && c == state.Column, theme);
                x += 1 + width;
            }
        }

        return state;
    }

    private static void DrawCell(ScreenBuffer buffer, Rect rect, GridCell cell, bool selected, Theme theme)
    {
        var style = (selected, cell.Finding) switch
        {
            (true, true) => theme.FindingSelected,
            (true, false) => theme.Selected,
            (false, true) => theme.Finding,
            _ => theme.Normal,
        };

        // One column of padding on the right keeps numbers off the next separator.
        var inner = new Rect(rect.X, rect.Y, Math.Max(0, rect.Width - 1), 1);
        buffer.Fill(rect, ' ', style);
        switch (cell.Kind)
        {
            case GridCellKind.Number:
                Label.Draw(buffer, inner, cell.Number.ToString(CultureInfo.InvariantCulture), style, Alignment.Right, fill: false);
                break;
            case GridCellKind.Text:
                Label.Draw(buffer, new Rect(rect.X + 1, rect.Y, Math.Max(0, rect.Width - 1), 1), cell.Text ?? string.Empty, style, Alignment.Left, fill: false);
                break;
            default:
                var blankStyle = selected || cell.Finding ? style : theme.Dim;
                Label.Draw(buffer, inner, BlankMark, blankStyle, Alignment.Right, fill: false);
                break;
        }
    }

    private static GridState Scroll(Rect area, GridModel model, GridState state)
    {
        var visibleRows = VisibleRows(area);
        var rowOffset = Math.Clamp(state.RowOffset, Math.Max(0, state.Row - visibleRows + 1), Math.Max(0, state.Row));
        rowOffset = Math.Min(rowOffset, Math.Max(0, model.RowCount - visibleRows));

        // Scroll columns right until the selected column fits after the label column.
        var available = area.Width - Math.Min(model.RowLabelWidth, area.Width);
        var columnOffset = Math.Min(state.ColumnOffset, state.Column);
        while (columnOffset < state.Column && Span(model, columnOffset, state.Column) > available)
        {
            columnOffset++;
        }

        return state with { RowOffset = rowOffset, ColumnOffset = Math.Max(0, columnOffset) };
    }

    private static int Span(GridModel model, int from, int to)
    {
        var width = 0;
        for (var c = from; c <= to; c++)
        {
            width += 1 + model.ColumnWidths[c];
        }

        return width;
    }
}
