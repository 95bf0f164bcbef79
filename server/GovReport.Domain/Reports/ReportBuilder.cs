using GovReport.Domain.Templates;

namespace GovReport.Domain.Reports;

/// <summary>Mutable report under construction (importers, storage, tests). Build() takes a cheap snapshot.</summary>
public sealed class ReportBuilder
{
    private CellValue[] _cells;
    private ReportTemplate _template;

    public ReportBuilder(ReportTemplate template, int year)
    {
        _template = template;
        _cells = new CellValue[template.CellCount];
        Year = year;
    }

    internal ReportBuilder(Report report)
    {
        _template = report.Template;
        _cells = report.Cells.ToArray();
        AgencyName = report.AgencyName;
        AgencyKind = report.AgencyKind;
        Year = report.Year;
        PublicationDate = report.PublicationDate;
        Parts.AddRange(report.Parts);
        ExtraTables.AddRange(report.ExtraTables);
    }

    public string? AgencyName { get; set; }

    public AgencyKind AgencyKind { get; set; }

    public int Year { get; set; }

    public DateOnly? PublicationDate { get; set; }

    /// <summary>The template; changing it clears the cells (their indexes belong to a template).</summary>
    public ReportTemplate Template
    {
        get => _template;
        set
        {
            if (!ReferenceEquals(value, _template))
            {
                _template = value;
                _cells = new CellValue[value.CellCount];
            }
        }
    }

    public List<ReportPart> Parts { get; } = [];

    public List<ExtraTable> ExtraTables { get; } = [];

    public CellValue this[CellId id]
    {
        get => _cells[id.Value];
        set => _cells[id.Value] = value;
    }

    public CellValue this[string address]
    {
        get => _cells[_template.GetCell(address).Id.Value];
        set => _cells[_template.GetCell(address).Id.Value] = value;
    }

    /// <summary>Sets a cell by address; false when the template has no such cell.</summary>
    public bool TrySetCell(string address, CellValue value)
    {
        if (!_template.TryGetCell(address, out var id))
        {
            return false;
        }

        _cells[id.Value] = value;
        return true;
    }

    /// <summary>Makes every cell blank (a whole new cell list follows).</summary>
    public void ClearCells() => Array.Clear(_cells);

    /// <summary>Appends a part in document order (Order = its position).</summary>
    public ReportBuilder AddPart(PartCode? code, string heading, string text)
    {
        Parts.Add(new ReportPart(code, heading, text, Parts.Count));
        return this;
    }

    /// <summary>Adds the six template parts with their template headings (handy for reports built in code).</summary>
    public ReportBuilder AddTemplateParts(Func<PartCode, string>? text = null)
    {
        foreach (var part in _template.Parts)
        {
            AddPart(part.Part, part.Heading, text?.Invoke(part.Part) ?? string.Empty);
        }

        return this;
    }

    public Report Build() => new(this, CopyCells());

    /// <summary>
    /// Builds the report and gives it this builder's cell array instead of a copy (a conversion that builds one report
    /// per builder saves the copy: one array of the template's few hundred cells on every save). The builder is empty
    /// afterwards.
    /// </summary>
    public Report BuildOnce()
    {
        var cells = _cells;
        _cells = [];
        return new Report(this, cells);
    }

    private CellValue[] CopyCells() => (CellValue[])_cells.Clone();
}
