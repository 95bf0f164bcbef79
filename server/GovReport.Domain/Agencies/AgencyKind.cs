namespace GovReport.Domain.Agencies;

/// <summary>
/// What sort of body an agency is. Drives the deadline rule (V12) and the content rule (V11).
/// Defined here because the report model had no agency kind when storage was built.
/// </summary>
public enum AgencyKind
{
    /// <summary>人民政府 (a people's government at any level).</summary>
    PeoplesGovernment = 1,

    /// <summary>政府部门 (a department of a government).</summary>
    Department = 2,

    /// <summary>乡镇街道 (a township or a sub-district office).</summary>
    TownshipOrStreet = 3,
}

public static class AgencyKindNames
{
    public static string ToChinese(this AgencyKind kind) => kind switch
    {
        AgencyKind.PeoplesGovernment => "人民政府",
        AgencyKind.Department => "政府部门",
        AgencyKind.TownshipOrStreet => "乡镇街道",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "未知的机关类型"),
    };

    public static bool TryParseChinese(string text, out AgencyKind kind)
    {
        switch (text.Trim())
        {
            case "人民政府":
                kind = AgencyKind.PeoplesGovernment;
                return true;
            case "政府部门":
                kind = AgencyKind.Department;
                return true;
            case "乡镇街道":
                kind = AgencyKind.TownshipOrStreet;
                return true;
            default:
                kind = default;
                return false;
        }
    }
}
