using System.Globalization;
using GovReport.Api.V1;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>What a display row of a table grid is.</summary>
internal enum RowKind
{
    /// <summary>A template data row (editable cells).</summary>
    Data,

    /// <summary>A row-group label (e.g. "（三）不予公开"); no cells.</summary>
    Group,

    /// <summary>The computed counterpart of a 总计 row: column sums of the rows it totals.</summary>
    Computed,
}

/// <summary>
/// One block of a template table laid out as a grid: template rows with their group labels, and beside every 总计
/// (row or column) a "计算" row/column with the sum the client computes, highlighted where it differs from the stated total.
/// </summary>
internal sealed class TableView
{
    private readonly TemplateBlock _block;
    private readonly List<DisplayRow> _rows = [];
    private readonly List<DisplayColumn> _columns = [];

    public TableView(TemplateTable table, int blockIndex)
    {
        Table = table;
        BlockIndex = blockIndex;
        _block = table.Blocks[blockIndex];
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in _block.RowGroups)
        {
            depth[group.Code] = string.IsNullOrEmpty(group.ParentCode) ? 0 : depth.GetValueOrDefault(group.ParentCode) + 1;
        }

        var emitted = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < _block.Rows.Count; r++)
        {
            var row = _block.Rows[r];
            var chain = new List<TemplateRowGroup>();
            for (var code = row.GroupCode; !string.IsNullOrEmpty(code);)
            {
                var group = _block.RowGroups.FirstOrDefault(g => g.Code == code);
                if (group is null)
                {
                    break;
                }

                chain.Insert(0, group);
                code = group.ParentCode;
            }

            foreach (var group in chain.Where(g => emitted.Add(g.Code)))
            {
                _rows.Add(new DisplayRow(RowKind.Group, -1, Indent(depth[group.Code]) + group.Label));
            }

            var rowDepth = string.IsNullOrEmpty(row.GroupCode) ? 0 : depth.GetValueOrDefault(row.GroupCode) + 1;
            _rows.Add(new DisplayRow(RowKind.Data, r, Indent(rowDepth) + row.Label));
            if (row.IsTotal)
            {
                _rows.Add(new DisplayRow(RowKind.Computed, r, Indent(rowDepth) + "计算：" + row.Label));
            }
        }

        for (var c = 0; c < _block.Columns.Count; c++)
        {
            var column = _block.Columns[c];
            var header = column.Label + (string.IsNullOrEmpty(column.Unit) ? string.Empty : "（" + column.Unit + "）");
            _columns.Add(new DisplayColumn(c, false, header));
            if (column.IsTotal)
            {
                _columns.Add(new DisplayColumn(c, true, "计算"));
            }
        }

        RowLabels = _rows.Select(r => r.Label).ToList();
        ColumnHeaders = _columns.Select(c => c.Header).ToList();
    }

    public TemplateTable Table { get; }

    public int BlockIndex { get; }

    public TemplateBlock Block => _block;

    public IReadOnlyList<string> RowLabels { get; }

    public IReadOnlyList<string> ColumnHeaders { get; }

    public int RowCount => _rows.Count;

    public int ColumnCount => _columns.Count;

    public RowKind KindOf(int row) => _rows[row].Kind;

    public bool IsComputedColumn(int column) => _columns[column].Computed;

    /// <summary>The template cell at a display position; null for group rows and computed cells.</summary>
    public string? AddressAt(int row, int column)
    {
        var r = _rows[row];
        var c = _columns[column];
        return r.Kind == RowKind.Data && !c.Computed ? _block.Rows[r.TemplateRow].CellAddresses[c.TemplateColumn] : null;
    }

    /// <summary>Display position of a template cell; null when the cell is not in this block.</summary>
    public (int Row, int Column)? Find(string address)
    {
        for (var r = 0; r < _rows.Count; r++)
        {
            if (_rows[r].Kind != RowKind.Data)
            {
                continue;
            }

            var cells = _block.Rows[_rows[r].TemplateRow].CellAddresses;
            var index = cells.IndexOf(address);
            if (index >= 0)
            {
                return (r, _columns.FindIndex(c => !c.Computed && c.TemplateColumn == index));
            }
        }

        return null;
    }

    /// <summary>First editable display row at or after (<paramref name="step"/> &gt; 0) / before <paramref name="from"/>.</summary>
    public int NextDataRow(int from, int step)
    {
        for (var r = from; r >= 0 && r < _rows.Count; r += step)
        {
            if (_rows[r].Kind == RowKind.Data)
            {
                return r;
            }
        }

        return -1;
    }

    /// <summary>A grid model over <paramref name="draft"/>; cells in <paramref name="findingCells"/> are marked.</summary>
    public GridModel Model(ReportDraft draft, IReadOnlySet<string> findingCells, int labelWidth, IReadOnlyList<int> widths,
        (int Row, int Column, string Text)? editing)
    {
        return new GridModel("项目", ColumnHeaders, widths, RowLabels, labelWidth, (row, column) =>
        {
            if (editing is { } e && e.Row == row && e.Column == column)
            {
                return GridCell.OfText(e.Text + "_");
            }

            var r = _rows[row];
            var c = _columns[column];
            switch (r.Kind)
            {
                case RowKind.Group:
                    return GridCell.OfText(string.Empty);
                case RowKind.Computed:
                    {
                        var computed = c.Computed ? ComputedRowTotal(draft, r.TemplateRow) : ComputedColumnSum(draft, r.TemplateRow, c.TemplateColumn);
                        var stated = draft.Value(_block.Rows[r.TemplateRow].CellAddresses[c.TemplateColumn]);
                        return Show(computed, widths[column]).WithFinding(Differs(stated, computed));
                    }

                default:
                    {
                        var address = _block.Rows[r.TemplateRow].CellAddresses[c.TemplateColumn];
                        if (c.Computed)
                        {
                            var computed = RowSum(draft, r.TemplateRow);
                            return Show(computed, widths[column]).WithFinding(Differs(draft.Value(address), computed));
                        }

                        var cell = draft.Get(address);
                        var shown = cell is { Present: true, Value.Length: 0 }
                            ? GridCell.OfText(cell.OriginalText)
                            : Show(draft.Value(address), widths[column]);
                        return shown.WithFinding(findingCells.Contains(address));
                    }
            }
        });
    }

    /// <summary>Sum of the non-total columns of a template row (the computed 总计 column); null when all blank.</summary>
    public decimal? RowSum(ReportDraft draft, int templateRow)
    {
        decimal? sum = null;
        var cells = _block.Rows[templateRow].CellAddresses;
        for (var c = 0; c < _block.Columns.Count; c++)
        {
            if (!_block.Columns[c].IsTotal && draft.Value(cells[c]) is { } v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }

    /// <summary>Sum of the rows a 总计 row totals (non-total rows of its group and sub-groups) in one column.</summary>
    public decimal? ComputedColumnSum(ReportDraft draft, int totalRow, int column)
    {
        decimal? sum = null;
        foreach (var r in RowsTotalledBy(totalRow))
        {
            if (draft.Value(_block.Rows[r].CellAddresses[column]) is { } v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }

    private decimal? ComputedRowTotal(ReportDraft draft, int totalRow)
    {
        decimal? sum = null;
        for (var c = 0; c < _block.Columns.Count; c++)
        {
            if (!_block.Columns[c].IsTotal && ComputedColumnSum(draft, totalRow, c) is { } v)
            {
                sum = (sum ?? 0) + v;
            }
        }

        return sum;
    }

    private IEnumerable<int> RowsTotalledBy(int totalRow)
    {
        var group = _block.Rows[totalRow].GroupCode;
        for (var r = 0; r < _block.Rows.Count; r++)
        {
            var row = _block.Rows[r];
            if (!row.IsTotal && (string.IsNullOrEmpty(group) || InGroup(row.GroupCode, group)))
            {
                yield return r;
            }
        }
    }

    private bool InGroup(string code, string group)
    {
        while (!string.IsNullOrEmpty(code))
        {
            if (code == group)
            {
                return true;
            }

            code = _block.RowGroups.FirstOrDefault(g => g.Code == code)?.ParentCode ?? string.Empty;
        }

        return false;
    }

    private static bool Differs(decimal? stated, decimal? computed) =>
        computed is { } c && (stated is { } s ? s != c : c != 0);

    private static GridCell Show(decimal? value, int width)
    {
        if (value is not { } v)
        {
            return GridCell.Blank;
        }

        if (decimal.Truncate(v) == v && Math.Abs(v) < long.MaxValue)
        {
            return GridCell.Of((long)v);
        }

        // Decimal amounts: right-aligned text (the text cell has one column of left padding and none on the right).
        var text = v.ToString(CultureInfo.InvariantCulture);
        return GridCell.OfText(text.PadLeft(Math.Max(0, width - 2)));
    }

    private static string Indent(int depth) => new(' ', depth);

    private readonly record struct DisplayRow(RowKind Kind, int TemplateRow, string Label);

    private readonly record struct DisplayColumn(int TemplateColumn, bool Computed, string Header);
}
