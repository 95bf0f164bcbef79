namespace GovReport.Import.Documents;

/// <summary>
/// The intermediate document every reader produces: paragraphs and tables in reading order.
/// Readers keep the original text; the mapper does all label matching.
/// </summary>
public sealed class ImportedDocument
{
    public ImportedDocument(IReadOnlyList<DocumentBlock> blocks)
    {
        Blocks = blocks;
    }

    public IReadOnlyList<DocumentBlock> Blocks { get; }

    public int TableCount => Blocks.Count(b => b is DocumentTable);
}

/// <summary>A paragraph or a table.</summary>
public abstract class DocumentBlock
{
    private protected DocumentBlock()
    {
    }
}

/// <summary>One paragraph (one line of the flattened text form) with its original text.</summary>
public sealed class DocumentParagraph : DocumentBlock
{
    public DocumentParagraph(string text)
    {
        Text = text;
    }

    public string Text { get; }

    public override string ToString() => Text;
}

/// <summary>A cell as it appears in the source: text (lines joined by '\n'), its top-left grid slot and its spans.</summary>
public sealed record TableCell(string Text, int Row, int Column, int RowSpan, int ColumnSpan);

/// <summary>
/// One entry of a row as read left to right: a cell that starts in this row, or the continuation of a cell
/// merged down from a row above (which reads as an empty cell, like a vMerge continuation in Word).
/// </summary>
public readonly record struct RowCell(TableCell Cell, bool IsContinuation)
{
    public string Text => IsContinuation ? string.Empty : Cell.Text;
}

/// <summary>
/// A table resolved into a rectangular grid: every slot points at the cell covering it (spans resolved), or is
/// empty when the source row was shorter than the table.
/// </summary>
public sealed class DocumentTable : DocumentBlock
{
    private readonly TableCell?[,] _grid;
    private readonly RowCell[][] _rows;

    public DocumentTable(IReadOnlyList<TableCell> cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Cells = cells;
        RowCount = cells.Count == 0 ? 0 : cells.Max(c => c.Row + c.RowSpan);
        ColumnCount = cells.Count == 0 ? 0 : cells.Max(c => c.Column + c.ColumnSpan);
        _grid = new TableCell?[RowCount, ColumnCount];
        foreach (var cell in cells)
        {
            for (var r = cell.Row; r < cell.Row + cell.RowSpan; r++)
            {
                for (var c = cell.Column; c < cell.Column + cell.ColumnSpan; c++)
                {
                    // First writer wins: overlapping spans in a malformed source must not hide a cell's own slot.
                    _grid[r, c] ??= cell;
                }
            }
        }

        _rows = new RowCell[RowCount][];
        for (var r = 0; r < RowCount; r++)
        {
            var row = new List<RowCell>();
            TableCell? previous = null;
            for (var c = 0; c < ColumnCount; c++)
            {
                var cell = _grid[r, c];
                if (cell is null || ReferenceEquals(cell, previous))
                {
                    previous = cell;
                    continue;
                }

                previous = cell;
                row.Add(new RowCell(cell, cell.Row != r));
            }

            _rows[r] = [.. row];
        }
    }

    /// <summary>Cells in source order (row by row, left to right).</summary>
    public IReadOnlyList<TableCell> Cells { get; }

    public int RowCount { get; }

    public int ColumnCount { get; }

    /// <summary>The cell covering a grid slot, or null.</summary>
    public TableCell? this[int row, int column] => _grid[row, column];

    /// <summary>A row as read left to right: one entry per distinct cell; cells merged from above read as empty.</summary>
    public IReadOnlyList<RowCell> GetRow(int row) => _rows[row];
}
