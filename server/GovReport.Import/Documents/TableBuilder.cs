namespace GovReport.Import.Documents;

/// <summary>
/// Builds a <see cref="DocumentTable"/> from rows of cells with colspan/rowspan (HTML) or gridSpan/vMerge (docx),
/// placing each cell in the first free slot of its row, as browsers do.
/// </summary>
public sealed class TableBuilder
{
    // Bounds on spans keep a hostile document from allocating a huge grid.
    private const int MaxColumnSpan = 100;
    private const int MaxRowSpan = 200;
    private const int MaxSlots = 2_000_000;

    private readonly List<TableCell> _cells = [];
    // Occupied slots per row; rows grow on demand (a list of arrays is much cheaper than a dictionary here).
    private readonly List<List<TableCell?>> _occupied = [];
    private long _slotCount;
    private readonly Dictionary<int, TableCell> _openVerticalMerges = [];
    private int _row = -1;
    private int _column;

    public int RowCount => _row + 1;

    /// <summary>Starts a new row.</summary>
    public void StartRow()
    {
        _row++;
        _column = 0;
    }

    /// <summary>Skips grid columns (docx gridBefore).</summary>
    public void SkipColumns(int count) => _column += Math.Max(0, count);

    /// <summary>Adds a cell that occupies its slots in this row and, with rowSpan &gt; 1, the rows below.</summary>
    public TableCell AddCell(string text, int columnSpan = 1, int rowSpan = 1)
    {
        if (_row < 0)
        {
            StartRow();
        }

        while (IsOccupied(_row, _column))
        {
            _column++;
        }

        columnSpan = Math.Clamp(columnSpan, 1, MaxColumnSpan);
        rowSpan = Math.Clamp(rowSpan, 1, MaxRowSpan);
        var cell = new TableCell(text, _row, _column, rowSpan, columnSpan);
        _cells.Add(cell);
        Occupy(cell);
        _column += columnSpan;
        return cell;
    }

    /// <summary>
    /// Adds a docx cell: vMerge="restart" opens a vertical merge; a continuation extends the cell above that
    /// starts in the same grid column (or becomes an empty cell when there is none).
    /// </summary>
    public void AddWordCell(string text, int gridSpan, bool mergeRestart, bool mergeContinue)
    {
        if (_row < 0)
        {
            StartRow();
        }

        gridSpan = Math.Clamp(gridSpan, 1, MaxColumnSpan);
        if (mergeContinue && _openVerticalMerges.TryGetValue(_column, out var above) && above.Row + above.RowSpan == _row)
        {
            var index = _cells.IndexOf(above);
            var extended = above with { RowSpan = above.RowSpan + 1 };
            _cells[index] = extended;
            _openVerticalMerges[_column] = extended;
            for (var c = extended.Column; c < extended.Column + extended.ColumnSpan; c++)
            {
                Set(_row, c, extended, overwrite: true);
            }

            _column += gridSpan;
            return;
        }

        var start = _column;
        var cell = AddCell(text, gridSpan);
        if (mergeRestart || mergeContinue)
        {
            _openVerticalMerges[start] = cell;
        }
        else
        {
            _openVerticalMerges.Remove(start);
        }
    }

    public DocumentTable Build()
    {
        // Spans that run past the last row are cut at the table's end.
        var rows = RowCount;
        var cells = _cells.Select(c => c.Row + c.RowSpan > rows ? c with { RowSpan = Math.Max(1, rows - c.Row) } : c).ToList();
        return new DocumentTable(cells);
    }

    private void Occupy(TableCell cell)
    {
        _slotCount += (long)cell.RowSpan * cell.ColumnSpan;
        if (_slotCount > MaxSlots)
        {
            throw new ImportException(ImportErrorReason.DocumentTooComplex, "文档中的表格过大（单元格数量超过上限），无法导入。");
        }

        for (var r = cell.Row; r < cell.Row + cell.RowSpan; r++)
        {
            for (var c = cell.Column; c < cell.Column + cell.ColumnSpan; c++)
            {
                Set(r, c, cell, overwrite: false);
            }
        }
    }

    private bool IsOccupied(int row, int column) =>
        row < _occupied.Count && column < _occupied[row].Count && _occupied[row][column] is not null;

    private void Set(int row, int column, TableCell cell, bool overwrite)
    {
        while (_occupied.Count <= row)
        {
            _occupied.Add([]);
        }

        var slots = _occupied[row];
        while (slots.Count <= column)
        {
            slots.Add(null);
        }

        if (overwrite || slots[column] is null)
        {
            slots[column] = cell;
        }
    }
}
