using System.Globalization;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using DomainCell = GovReport.Domain.Reports.CellValue;

namespace GovReport.Data;

/// <summary>
/// Converts between the domain <see cref="Report"/> and what storage keeps. Cells that are blank and carry
/// no original text are not stored (absent = blank), which keeps report_cells small. Template parts are
/// keyed by their code ("overview"); extra parts by "extra.{order}" with the heading on the first line.
/// </summary>
public static class ReportContentMapper
{
    private const string ExtraPrefix = "extra.";

    private static readonly Lazy<int[]> Order2019 = new(() => SortedIndexes(TemplateRegistry.Template2019));

    private static readonly Lazy<int[]> Order2021 = new(() => SortedIndexes(TemplateRegistry.Template2021));

    public static string TemplateCode(TemplateId id) => id switch
    {
        TemplateId.Template2019 => "TEMPLATE_2019",
        TemplateId.Template2021 => "TEMPLATE_2021",
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "未知模板"),
    };

    public static ReportTemplate ParseTemplate(string code) => code switch
    {
        "TEMPLATE_2019" => TemplateRegistry.Template2019,
        "TEMPLATE_2021" => TemplateRegistry.Template2021,
        _ => throw new InvalidStoreArgumentException("template", $"未知的报告模板：{code}，应为 TEMPLATE_2019 或 TEMPLATE_2021"),
    };

    /// <summary>
    /// What storage keeps of <paramref name="report"/>. With <paramref name="basis"/> (the content the report was edited
    /// from, cells in address order), an unchanged cell reuses the basis's <see cref="StoredCell"/> instead of a new
    /// one: a save of a few cells then allocates for those cells only.
    /// </summary>
    public static ReportContent FromReport(Report report, int errorCount = 0, int warningCount = 0, ReportContent? basis = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var template = report.Template;
        var reuse = basis is not null && basis.Template == TemplateCode(template.Id) ? basis.Cells : [];
        var cells = new List<StoredCell>(reuse.Count > 0 ? reuse.Count + 4 : 0);
        var values = report.Cells;
        var next = 0;
        foreach (var i in AddressOrder(template))
        {
            var value = values[i];
            if (value.State == CellState.Blank && value.OriginalText is null)
            {
                continue;
            }

            var address = template.GetAddress(new CellId(i));

            // Both lists are in ordinal address order: advance the basis to this address.
            while (next < reuse.Count && string.CompareOrdinal(reuse[next].Address, address) < 0)
            {
                next++;
            }

            if (next < reuse.Count && Stores(reuse[next], address, value))
            {
                cells.Add(reuse[next]);
                continue;
            }

            cells.Add(value.State switch
            {
                CellState.Number => new StoredCell(address, true, value.Value, value.OriginalText, value.Unit),
                CellState.Unreadable => new StoredCell(address, true, null, value.OriginalText, value.Unit),
                _ => new StoredCell(address, false, null, value.OriginalText, value.Unit),
            });
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in report.Parts)
        {
            if (part.Code is { } code)
            {
                parts.TryAdd(template.GetPart(code).Code, part.Text);
            }
            else
            {
                parts[ExtraPrefix + part.Order.ToString(CultureInfo.InvariantCulture)] = part.Heading + "\n" + part.Text;
            }
        }

        return new ReportContent(TemplateCode(template.Id), report.PublicationDate, parts, cells, errorCount, warningCount);
    }

    // Whether `stored` is exactly what FromReport makes of `value` at `address` (a number also keeps its scale: 12.50 is
    // not reused for 12.5).
    private static bool Stores(StoredCell stored, string address, in DomainCell value) =>
        string.Equals(stored.Address, address, StringComparison.Ordinal)
        && stored.Present == (value.State != CellState.Blank)
        && (value.State == CellState.Number
            ? stored.Value is { } number && number == value.Value && number.Scale == value.Value.Scale
            : stored.Value is null)
        && string.Equals(stored.OriginalText, value.OriginalText, StringComparison.Ordinal)
        && string.Equals(stored.Unit, value.Unit, StringComparison.Ordinal);

    /// <summary>
    /// The template's cell indexes in ordinal order of their addresses: the order storage reads cells in
    /// (<c>ORDER BY address</c>), so stored, cached and freshly converted content list cells alike without a sort.
    /// </summary>
    private static int[] AddressOrder(ReportTemplate template) =>
        template.Id == TemplateId.Template2019 ? Order2019.Value : template.Id == TemplateId.Template2021 ? Order2021.Value : SortedIndexes(template);

    private static int[] SortedIndexes(ReportTemplate template) =>
        [.. Enumerable.Range(0, template.CellCount).OrderBy(i => template.GetAddress(new CellId(i)), StringComparer.Ordinal)];

    public static Report ToReport(ReportContent content, int year, string? agencyName, AgencyKind agencyKind)
    {
        ArgumentNullException.ThrowIfNull(content);
        var template = ParseTemplate(content.Template);
        var builder = new ReportBuilder(template, year)
        {
            AgencyName = agencyName,
            AgencyKind = agencyKind,
            PublicationDate = content.PublicationDate,
        };
        foreach (var cell in content.Cells)
        {
            var value = cell switch
            {
                { Present: true, Value: { } number } => DomainCell.Number(number, cell.OriginalText, cell.Unit),
                { Present: true } => DomainCell.Unreadable(cell.OriginalText ?? string.Empty),
                _ => DomainCell.Blank(cell.OriginalText),
            };
            if (!builder.TrySetCell(cell.Address, value))
            {
                throw new InvalidStoreArgumentException("cells", $"模板 {content.Template} 中没有单元格 {cell.Address}");
            }
        }

        foreach (var templatePart in template.Parts)
        {
            if (content.Parts.TryGetValue(templatePart.Code, out var text))
            {
                builder.AddPart(templatePart.Part, templatePart.Heading, text);
            }
        }

        foreach (var extra in content.Parts.Where(p => p.Key.StartsWith(ExtraPrefix, StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var newline = extra.Value.IndexOf('\n', StringComparison.Ordinal);
            builder.AddPart(null, newline < 0 ? extra.Value : extra.Value[..newline], newline < 0 ? string.Empty : extra.Value[(newline + 1)..]);
        }

        return builder.BuildOnce();
    }
}
