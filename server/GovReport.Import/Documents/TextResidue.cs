using System.Text.RegularExpressions;

namespace GovReport.Import.Documents;

/// <summary>Removes conversion residue that is not report text, such as "[bookmark: _GoBack]".</summary>
internal static partial class TextResidue
{
    public static string Clean(string text) =>
        text.Contains("[bookmark", StringComparison.OrdinalIgnoreCase) ? BookmarkPattern().Replace(text, string.Empty) : text;

    [GeneratedRegex(@"\[bookmark:[^\]\n]*\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BookmarkPattern();
}
