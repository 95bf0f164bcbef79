namespace GovReport.Domain.Templates;

/// <summary>Stable string codes of the six parts (codes.md).</summary>
public static class PartCodes
{
    private static readonly string[] Codes = ["overview", "active_disclosure", "applications", "reviews_litigation", "problems", "other_matters"];

    public static string ToCode(PartCode part) => Codes[(int)part];

    public static bool TryParse(string code, out PartCode part)
    {
        var index = Array.IndexOf(Codes, code);
        part = (PartCode)Math.Max(index, 0);
        return index >= 0;
    }
}
