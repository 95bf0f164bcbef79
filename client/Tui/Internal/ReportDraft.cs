using System.Globalization;
using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>The report being edited: cells by address and narrative by part code, over a <see cref="Report"/> message.</summary>
internal sealed class ReportDraft
{
    private readonly Report _report;
    private readonly Dictionary<string, Cell> _cells = new(StringComparer.Ordinal);

    public ReportDraft(Report report, ReportTemplate template)
    {
        _report = report.Clone();
        Template = template;
        foreach (var cell in _report.Cells)
        {
            _cells[cell.Address] = cell;
        }
    }

    public ReportTemplate Template { get; }

    public string AgencyName => _report.AgencyDisplayName;

    public int Year => _report.ReportYear;

    public bool Modified { get; private set; }

    /// <summary>Cell value as a number; null when blank or not a number.</summary>
    public decimal? Value(string address) =>
        _cells.TryGetValue(address, out var cell) && cell.Present &&
        decimal.TryParse(cell.Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    /// <summary>The cell; null when not in the report.</summary>
    public Cell? Get(string address) => _cells.GetValueOrDefault(address);

    /// <summary>Text to start editing a cell with.</summary>
    public string EditText(string address) =>
        _cells.TryGetValue(address, out var cell) && cell.Present ? (cell.Value.Length > 0 ? cell.Value : cell.OriginalText) : string.Empty;

    public void SetValue(string address, decimal value)
    {
        _cells[address] = new Cell { Address = address, Present = true, Value = value.ToString(CultureInfo.InvariantCulture) };
        Modified = true;
    }

    public void SetBlank(string address)
    {
        _cells[address] = new Cell { Address = address, Present = false };
        Modified = true;
    }

    public string Narrative(string partCode) => _report.Parts.FirstOrDefault(p => p.Code == partCode)?.Text ?? string.Empty;

    public void SetNarrative(string partCode, string text)
    {
        var part = _report.Parts.FirstOrDefault(p => p.Code == partCode);
        if (part is null)
        {
            var template = Template.Parts.First(p => p.Code == partCode);
            part = new ReportPart { Code = partCode, Heading = template.Heading, Order = _report.Parts.Count + _report.ExtraParts.Count };
            _report.Parts.Add(part);
        }

        if (part.Text != text)
        {
            part.Text = text;
            Modified = true;
        }
    }

    /// <summary>The report as it stands, for ValidateReport (cells in address order so requests are stable).</summary>
    public Report ToReport()
    {
        var report = _report.Clone();
        report.Cells.Clear();
        report.Cells.AddRange(_cells.Values.OrderBy(c => c.Address, StringComparer.Ordinal));
        return report;
    }
}
