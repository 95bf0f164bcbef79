namespace GovReport.Import;

/// <summary>How much an import note matters.</summary>
public enum ImportNoteSeverity
{
    Info = 0,
    Warning = 1,
}

/// <summary>
/// Something the importer could not place or had to guess, named precisely so nothing is lost silently.
/// Code is a stable machine code (UPPER_SNAKE); Message is Chinese for users.
/// </summary>
public sealed record ImportNote(
    string Code,
    ImportNoteSeverity Severity,
    string Message,
    string? Table = null,
    string? RowLabel = null,
    string? Column = null,
    string? Text = null)
{
    public override string ToString() => $"[{Code}] {Message}";
}

/// <summary>Stable note codes.</summary>
public static class ImportNoteCodes
{
    public const string MissingAgencyName = "MISSING_AGENCY_NAME";
    public const string MissingPublicationDate = "MISSING_PUBLICATION_DATE";
    public const string AgencyKindUnknown = "AGENCY_KIND_UNKNOWN";
    public const string UnplacedValue = "UNPLACED_VALUE";
    public const string UnrecognizedTable = "UNRECOGNIZED_TABLE";
    public const string ObsoleteTable = "OBSOLETE_STATISTICS_TABLE";
    public const string TemplateMismatch = "TEMPLATE_LAYOUT_MISMATCH";
    public const string LabelVariant = "LABEL_VARIANT";
    public const string ColumnsAssumed = "COLUMNS_ASSUMED";
    public const string DuplicateValue = "DUPLICATE_VALUE";
    public const string MissingTable = "MISSING_TABLE";
    public const string YearFromOptions = "YEAR_FROM_OPTIONS";
}
