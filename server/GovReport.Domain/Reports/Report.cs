using GovReport.Domain.Templates;

namespace GovReport.Domain.Reports;

/// <summary>What kind of organ publishes the report (drives the 第四十九条 deadline and 第五十条 content rules).</summary>
public enum AgencyKind
{
    Unknown = 0,

    /// <summary>人民政府 (本级政府 report).</summary>
    Government = 1,

    /// <summary>政府部门 (incl. 办公厅/办公室 of a government).</summary>
    Department = 2,

    /// <summary>乡镇人民政府 / 街道办事处.</summary>
    TownshipOrStreet = 3,
}

/// <summary>A part of the document as found: Code is null for parts the template does not have.</summary>
public sealed record ReportPart(PartCode? Code, string Heading, string Text, int Order)
{
    public bool IsExtra => Code is null;
}

/// <summary>Tables found in a report that are not template tables.</summary>
public enum ExtraTableKind
{
    Unknown = 0,

    /// <summary>The obsolete pre-2019 统计指标 table (2008 format: 主动公开情况/依申请公开情况/… 单位 统计数).</summary>
    ObsoleteStatistics = 1,
}

/// <summary>A table found in the report that is not part of the template.</summary>
public sealed record ExtraTable(ExtraTableKind Kind, string Title, int PartOrder);

/// <summary>An immutable annual report: metadata, parts as found, and a dense cell array indexed by CellId.</summary>
public sealed class Report
{
    private readonly CellValue[] _cells;
    private readonly decimal[] _values;
    private readonly long[] _integers;

    internal Report(ReportBuilder builder, CellValue[] cells)
    {
        AgencyName = builder.AgencyName;
        AgencyKind = builder.AgencyKind;
        Year = builder.Year;
        Template = builder.Template;
        PublicationDate = builder.PublicationDate;
        Parts = [.. builder.Parts.OrderBy(p => p.Order)];
        ExtraTables = [.. builder.ExtraTables];
        _cells = cells;
        _values = new decimal[_cells.Length];
        _integers = new long[_cells.Length];
        var integral = true;
        var kinds = Template.CellKinds;
        var inDomain = true;
        for (var i = 0; i < _cells.Length; i++)
        {
            ref readonly var cell = ref _cells[i];
            var value = cell.Value;
            _values[i] = value;
            BlankCount += cell.State == CellState.Blank ? 1 : 0;
            inDomain &= cell.State != CellState.Unreadable && (value >= 0 || kinds[i] == CellKind.SignedCount);
            if (kinds[i] == CellKind.Amount)
            {
                continue;
            }

            if (integral && value == decimal.Truncate(value) && value >= long.MinValue && value <= long.MaxValue)
            {
                _integers[i] = (long)value;
            }
            else
            {
                integral = false;
            }
        }

        if (!integral)
        {
            _integers = [];
        }

        // Summaries the rules read instead of re-scanning every cell on each validation of this snapshot.
        ValuesInDomain = inDomain && integral;
    }

    public string? AgencyName { get; }

    public AgencyKind AgencyKind { get; }

    public int Year { get; }

    public ReportTemplate Template { get; }

    public DateOnly? PublicationDate { get; }

    /// <summary>Parts in document order, template and extra ones.</summary>
    public IReadOnlyList<ReportPart> Parts { get; }

    public IReadOnlyList<ExtraTable> ExtraTables { get; }

    /// <summary>Cells indexed by CellId.Value of <see cref="Template"/>.</summary>
    public ReadOnlySpan<CellValue> Cells => _cells;

    public ref readonly CellValue GetCell(CellId id) => ref _cells[id.Value];

    /// <summary>The numeric value of every cell (blank and unreadable cells count as 0), indexed by CellId.Value.</summary>
    public ReadOnlySpan<decimal> Values => _values;

    /// <summary>
    /// The values as integers when every count cell is a whole number (the usual case), else empty: lets the sums
    /// run on 64-bit integers instead of decimal. Amount cells are not represented (0).
    /// </summary>
    public ReadOnlySpan<long> IntegerValues => _integers;

    public bool HasIntegerValues => _integers.Length > 0;

    /// <summary>Number of blank cells.</summary>
    public int BlankCount { get; }

    /// <summary>True when every cell satisfies its kind's value domain (whole, non-negative unless signed, readable).</summary>
    public bool ValuesInDomain { get; }

    public CellValue GetCell(string address) => _cells[Template.GetCell(address).Id.Value];

    /// <summary>The first part found with this code, or null.</summary>
    public ReportPart? GetPart(PartCode code)
    {
        foreach (var part in Parts)
        {
            if (part.Code == code)
            {
                return part;
            }
        }

        return null;
    }

    public ReportBuilder ToBuilder() => new(this);
}
