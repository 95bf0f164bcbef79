using GovReport.Domain.Reports;

namespace GovReport.Domain.Agencies;

/// <summary>
/// Chinese names for <see cref="AgencyKind"/> (defined with the report model in GovReport.Domain.Reports,
/// shared by agencies so the kind that drives V11/V12 has one definition).
/// </summary>
public static class AgencyKindNames
{
    public static string ToChinese(this AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Department => "政府部门",
        AgencyKind.TownshipOrStreet => "乡镇街道",
        _ => "未知类型",
    };

    public static bool TryParseChinese(string text, out AgencyKind kind)
    {
        switch (text.Trim())
        {
            case "人民政府":
                kind = AgencyKind.Government;
                return true;
            case "政府部门":
                kind = AgencyKind.Department;
                return true;
            case "乡镇街道":
                kind = AgencyKind.TownshipOrStreet;
                return true;
            default:
                kind = AgencyKind.Unknown;
                return false;
        }
    }

    /// <summary>Agencies must have a real kind; Unknown exists only for imported documents.</summary>
    public static bool IsAssignable(this AgencyKind kind) =>
        kind is AgencyKind.Government or AgencyKind.Department or AgencyKind.TownshipOrStreet;
}
