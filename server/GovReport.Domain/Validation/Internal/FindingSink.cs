using System.Globalization;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation.Internal;

/// <summary>Collects findings of one validation run; allocates nothing until the first finding.</summary>
internal sealed class FindingSink
{
    private List<Finding>? _findings;

    public Finding Add(string ruleId, Severity severity, string message, string basis, FindingCell[] cells, string? culprit = null, int? causedBy = null)
    {
        _findings ??= new List<Finding>(8);
        var finding = new Finding(_findings.Count + 1, ruleId, severity, message, basis, cells)
        {
            CulpritAddress = culprit,
            CausedBy = causedBy,
        };
        _findings.Add(finding);
        return finding;
    }

    public IReadOnlyList<Finding> ToList() => (IReadOnlyList<Finding>?)_findings ?? [];
}

/// <summary>Formatting shared by the rules (only runs when a finding is made).</summary>
internal static class Fmt
{
    public static string N(decimal value) => value.ToString("G29", CultureInfo.InvariantCulture);

    /// <summary>"93%": a whole percentage, the same in every culture (P0 would print "93 %" under the invariant one).</summary>
    public static string Percent(double share) => ((int)Math.Round(share * 100, MidpointRounding.AwayFromZero)).ToString(CultureInfo.InvariantCulture) + "%";

    public static string Date(DateOnly date) => $"{date.Year}年{date.Month}月{date.Day}日";

    public static FindingCell Cell(Report report, CellId id, decimal? computed = null)
    {
        var definition = report.Template.GetCell(id);
        ref readonly var value = ref report.GetCell(id);
        return new FindingCell(id, definition.Address, definition.Label, value.State == CellState.Number ? value.Value : null, computed);
    }

    public static string Stated(in CellValue value) => value.State switch
    {
        CellState.Number => "填报" + N(value.Value),
        CellState.Blank => "空白",
        _ => "填写“" + value.OriginalText + "”",
    };

    public static string KindName(AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Department => "政府部门",
        AgencyKind.TownshipOrStreet => "乡镇（街道）",
        _ => "该机关",
    };
}
