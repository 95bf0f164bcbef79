using System.Collections.Frozen;

namespace GovReport.Domain.Templates;

/// <summary>One of the six parts a template prescribes.</summary>
public sealed record TemplatePart(PartCode Part, string Code, string Number, string Title)
{
    /// <summary>Heading as the template prints it, e.g. "一、总体情况".</summary>
    public string Heading => Number + "、" + Title;

    /// <summary>1-based position in the template.</summary>
    public int Ordinal => (int)Part + 1;
}

/// <summary>A column of a table block.</summary>
public sealed record TemplateColumn(string Code, string Label, CellKind Kind, string? Unit, bool IsTotal, string? GroupLabel);

/// <summary>A label that spans rows and has no value cells of its own, e.g. （三）不予公开.</summary>
public sealed record TemplateRowGroup(string Code, string Label, string? ParentCode);

/// <summary>A data row of a table block.</summary>
public sealed record TemplateRow(string Code, string Label, bool IsTotal, string? GroupCode);

/// <summary>A block of a table: its own caption, columns and rows (tables 三 and 四 have one block without a code).</summary>
public sealed record TemplateBlock(
    string? Code,
    string? Caption,
    string? RowHeaderLabel,
    IReadOnlyList<TemplateColumn> Columns,
    IReadOnlyList<TemplateRow> Rows,
    IReadOnlyList<TemplateRowGroup> RowGroups);

/// <summary>The table of one part (二, 三 or 四).</summary>
public sealed record TemplateTable(PartCode Part, string Code, string Title, string? Note, string? ColumnHeaderLabel, IReadOnlyList<TemplateBlock> Blocks);

/// <summary>One value cell of a template.</summary>
public sealed record CellDefinition(
    CellId Id,
    string Address,
    PartCode Part,
    TemplateBlock Block,
    TemplateRow Row,
    TemplateColumn Column,
    int RowIndex,
    int ColumnIndex,
    string Label)
{
    public CellKind Kind => Column.Kind;

    public string? Unit => Column.Unit;

    /// <summary>True when the cell is a sum of others (a 总计 row or column).</summary>
    public bool IsTotal => Row.IsTotal || Column.IsTotal;

    /// <summary>Row label with its group, e.g. "（三）不予公开 1.属于国家秘密" (without the column).</summary>
    public string RowLabel => Label[..Label.LastIndexOf(" / ", StringComparison.Ordinal)];
}

/// <summary>A national report format: parts, tables and a dense cell index.</summary>
public sealed class ReportTemplate
{
    private readonly CellDefinition[] _cells;
    private readonly CellKind[] _kinds;
    private readonly CellId[] _amountCells;
    private readonly FrozenDictionary<string, CellId> _byAddress;
    private readonly FrozenDictionary<string, CellId>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    internal ReportTemplate(
        TemplateId id,
        string documentNumber,
        string title,
        int firstYear,
        int? lastYear,
        IReadOnlyList<TemplatePart> parts,
        IReadOnlyList<TemplateTable> tables)
    {
        Id = id;
        DocumentNumber = documentNumber;
        Title = title;
        FirstYear = firstYear;
        LastYear = lastYear;
        Parts = parts;
        Tables = tables;
        var cells = new List<CellDefinition>();
        foreach (var table in tables)
        {
            foreach (var block in table.Blocks)
            {
                for (var r = 0; r < block.Rows.Count; r++)
                {
                    for (var c = 0; c < block.Columns.Count; c++)
                    {
                        var row = block.Rows[r];
                        var column = block.Columns[c];
                        var address = block.Code is null
                            ? $"{table.Code}.{row.Code}.{column.Code}"
                            : $"{table.Code}.{block.Code}.{row.Code}.{column.Code}";
                        cells.Add(new CellDefinition(new CellId(cells.Count), address, table.Part, block, row, column, r, c, LabelOf(block, row, column)));
                    }
                }
            }
        }

        _cells = [.. cells];
        _kinds = [.. cells.Select(c => c.Kind)];
        _amountCells = [.. cells.Where(c => c.Kind == CellKind.Amount).Select(c => c.Id)];
        RulesCells = [.. cells.Where(c => c.Block.Code == "art20_1" && c.Row.Code == "rules").Select(c => c.Id)];
        NormativeDocumentCells = [.. cells.Where(c => c.Block.Code == "art20_1" && c.Row.Code == "normative_documents").Select(c => c.Id)];
        _byAddress = cells.ToFrozenDictionary(c => c.Address, c => c.Id, StringComparer.Ordinal);
        _bySpan = _byAddress.GetAlternateLookup<ReadOnlySpan<char>>();
        Applications = new ApplicationsLayout(this);
        Reviews = new ReviewsLayout(this);
    }

    public TemplateId Id { get; }

    /// <summary>Resource name, "templates/2019" or "templates/2021".</summary>
    public string Name => Id == TemplateId.Template2019 ? "templates/2019" : "templates/2021";

    /// <summary>The issuing notice, e.g. 国办公开办函〔2019〕60号.</summary>
    public string DocumentNumber { get; }

    public string Title { get; }

    public int FirstYear { get; }

    /// <summary>Last report year the template applies to, or null when still current.</summary>
    public int? LastYear { get; }

    public IReadOnlyList<TemplatePart> Parts { get; }

    public IReadOnlyList<TemplateTable> Tables { get; }

    public IReadOnlyList<CellDefinition> Cells => _cells;

    public int CellCount => _cells.Length;

    /// <summary>Kind of every cell, indexed by CellId.Value (a dense copy for tight loops).</summary>
    public ReadOnlySpan<CellKind> CellKinds => _kinds;

    /// <summary>Table 二 第二十条第（一）项 规章 row, all columns.</summary>
    internal CellId[] RulesCells { get; }

    /// <summary>Table 二 第二十条第（一）项 (行政)规范性文件 row, all columns.</summary>
    internal CellId[] NormativeDocumentCells { get; }

    /// <summary>The decimal amount cells (money).</summary>
    public ReadOnlySpan<CellId> AmountCells => _amountCells;

    /// <summary>Row/column indexed access to table 三 for the rules.</summary>
    public ApplicationsLayout Applications { get; }

    /// <summary>Row/column indexed access to table 四 for the rules.</summary>
    public ReviewsLayout Reviews { get; }

    public TemplatePart GetPart(PartCode part) => Parts[(int)part];

    public TemplateTable GetTable(PartCode part) => Tables.First(t => t.Part == part);

    public CellDefinition GetCell(CellId id) => _cells[id.Value];

    public CellDefinition GetCell(string address) =>
        TryGetCell(address, out var id) ? _cells[id.Value] : throw new KeyNotFoundException($"Unknown cell address '{address}' in {Name}.");

    public bool TryGetCell(string address, out CellId id) => _byAddress.TryGetValue(address, out id);

    public bool TryGetCell(ReadOnlySpan<char> address, out CellId id) => _bySpan.TryGetValue(address, out id);

    public string GetAddress(CellId id) => _cells[id.Value].Address;

    public bool AppliesTo(int reportYear) => reportYear >= FirstYear && (LastYear is null || reportYear <= LastYear);

    public override string ToString() => Name;

    /// <summary>Readable Chinese label, e.g. "（七）总计 / 自然人", "（三）不予公开 1.属于国家秘密 / 总计", "第二十条第（九）项 政府集中采购 / 采购总金额".</summary>
    private static string LabelOf(TemplateBlock block, TemplateRow row, TemplateColumn column)
    {
        // Group labels name the rows they span (（三）不予公开, 行政诉讼), except the all-embracing 三、本年度办理结果.
        var group = block.RowGroups.FirstOrDefault(g => g.Code == row.GroupCode && g.Code != "results");
        var prefix = block.Caption ?? group?.Label;
        return (prefix is null ? row.Label : prefix + " " + row.Label) + " / " + column.Label;
    }
}
