using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// The report being edited: cells by address and narrative by part code, over a <see cref="Report"/> message, and the
/// version it started from (the stored one, or the import/blank draft as opened) so that the changes are known: for
/// the UpdateReport field mask, for "已修改", and to re-apply them on top of a newer server version after a conflict.
/// </summary>
internal sealed class ReportDraft
{
    private readonly Dictionary<string, Cell> _cells = new(StringComparer.Ordinal);
    private Report _base = new();
    private Report _report = new();
    private int _version;
    private int _checkedVersion = -1;
    private bool _modified;

    public ReportDraft(Report report, ReportTemplate template)
    {
        Template = template;
        Load(report);
    }

    public ReportTemplate Template { get; }

    public string AgencyName => _report.AgencyDisplayName;

    public int Year => _report.ReportYear;

    /// <summary>The resource name; empty while the report has never been stored.</summary>
    public string Name => _report.Name;

    public bool IsStored => !string.IsNullOrEmpty(_report.Name);

    public string Etag => _report.Etag;

    public int Revision => _report.Revision;

    public Report.Types.State State => _report.State;

    /// <summary>"YYYY-MM-DD"; empty when the report states none.</summary>
    public string PublicationDate => _report.PublicationDate;

    public void SetPublicationDate(string date)
    {
        _report.PublicationDate = date;
        _version++;
    }

    /// <summary>Changes on every edit and load: tells whether the draft moved while a call was on its way.</summary>
    public int Version => _version;

    /// <summary>The version the edits started from (as stored, or as opened when never stored).</summary>
    public Report Base => _base;

    /// <summary>True when the cells or texts differ from <see cref="Base"/>.</summary>
    public bool Modified
    {
        get
        {
            // Draw asks every frame: compare only after an edit.
            if (_checkedVersion != _version)
            {
                _modified = ChangedPaths().Count > 0;
                _checkedVersion = _version;
            }

            return _modified;
        }
    }

    /// <summary>Replaces everything with <paramref name="report"/> (a stored version): no changes afterwards.</summary>
    public void Load(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _base = report.Clone();
        _report = report.Clone();
        _cells.Clear();
        foreach (var cell in _report.Cells)
        {
            _cells[cell.Address] = cell;
        }

        _version++;
    }

    /// <summary>
    /// Re-applies the changes made since <see cref="Base"/> (cells, part texts, publication date) on top of
    /// <paramref name="server"/>, which becomes the new base: what "overwrite" after a conflict saves.
    /// </summary>
    public void Rebase(Report server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var cells = ChangedCells().Select(a => (Address: a, Cell: _cells.GetValueOrDefault(a))).ToList();
        var parts = ChangedParts().Select(code => (Code: code, Text: Narrative(code))).ToList();
        var date = _report.PublicationDate != _base.PublicationDate ? _report.PublicationDate : null;
        Load(server);
        foreach (var (address, cell) in cells)
        {
            if (cell is null)
            {
                _cells.Remove(address);
            }
            else
            {
                _cells[address] = cell.Clone();
            }
        }

        foreach (var (code, text) in parts)
        {
            SetNarrative(code, text);
        }

        if (date is not null)
        {
            _report.PublicationDate = date;
        }

        _version++;
    }

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
        _version++;
    }

    public void SetBlank(string address)
    {
        _cells[address] = new Cell { Address = address, Present = false };
        _version++;
    }

    public string Narrative(string partCode) => Narrative(_report, partCode);

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
            _version++;
        }
    }

    /// <summary>Addresses whose cell differs from <see cref="Base"/> (a missing cell is the same as a plain blank one).</summary>
    public IReadOnlyList<string> ChangedCells()
    {
        var before = _base.Cells.ToDictionary(c => c.Address, StringComparer.Ordinal);
        return before.Keys.Union(_cells.Keys, StringComparer.Ordinal)
            .Where(a => !SameCell(a, before.GetValueOrDefault(a), _cells.GetValueOrDefault(a)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Template part codes whose text differs from <see cref="Base"/>.</summary>
    public IReadOnlyList<string> ChangedParts() =>
        Template.Parts.Select(p => p.Code).Where(code => Narrative(code) != Narrative(_base, code)).ToList();

    /// <summary>
    /// UpdateReport mask paths of what differs from <see cref="Base"/>: each changed cell on its own
    /// ("cells.`ADDRESS`"), so a save sends those cells, not the whole table.
    /// </summary>
    public IReadOnlyList<string> ChangedPaths()
    {
        var paths = ChangedCells().Select(ClientSession.CellMaskPath).ToList();
        if (ChangedParts().Count > 0)
        {
            paths.Add("parts");
        }

        if (_report.PublicationDate != _base.PublicationDate)
        {
            paths.Add("publication_date");
        }

        return paths;
    }

    /// <summary>The report as it stands, for ValidateReport and saving (cells in address order so requests are stable).</summary>
    public Report ToReport()
    {
        var report = _report.Clone();
        report.Cells.Clear();
        report.Cells.AddRange(_cells.Values.OrderBy(c => c.Address, StringComparer.Ordinal));
        return report;
    }

    /// <summary>
    /// The UpdateReport request of the changes: name, etag, the changed cells (one no longer in the draft is left out:
    /// the server stores a masked cell it is not sent as blank), the changed parts and the publication date, with
    /// <see cref="ChangedPaths"/> as its mask.
    /// </summary>
    public UpdateReportRequest ToUpdateRequest()
    {
        var paths = ChangedPaths();
        var report = new Report { Name = _report.Name, Etag = _report.Etag, PublicationDate = _report.PublicationDate };
        foreach (var address in ChangedCells())
        {
            if (_cells.TryGetValue(address, out var cell))
            {
                report.Cells.Add(cell.Clone());
            }
        }

        if (paths.Contains("parts"))
        {
            report.Parts.AddRange(_report.Parts.Select(p => p.Clone()));
        }

        var request = new UpdateReportRequest { Report = report, UpdateMask = new FieldMask() };
        request.UpdateMask.Paths.AddRange(paths);
        return request;
    }

    private static string Narrative(Report report, string partCode) => report.Parts.FirstOrDefault(p => p.Code == partCode)?.Text ?? string.Empty;

    private static bool SameCell(string address, Cell? a, Cell? b) => (a ?? new Cell { Address = address }).Equals(b ?? new Cell { Address = address });
}
