namespace GovReport.Import;

/// <summary>The source formats the importer reads.</summary>
public enum SourceFormat
{
    /// <summary>From the file name's extension, else sniffed from the content.</summary>
    Auto = 0,

    /// <summary>The flattened text form (tab-prefixed cells), UTF-8 or GB18030.</summary>
    Text = 1,

    /// <summary>Word .docx.</summary>
    Docx = 2,

    /// <summary>The HTML of a published page.</summary>
    Html = 3,
}

/// <summary>Options of one import. Values given here win over what the document says.</summary>
public sealed record ImportOptions
{
    public const long DefaultMaxBytes = 50L * 1024 * 1024;

    public static ImportOptions Default { get; } = new();

    public SourceFormat Format { get; init; } = SourceFormat.Auto;

    /// <summary>Files larger than this are refused with <see cref="ImportErrorReason.FileTooLarge"/>.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Agency name when the document does not state it (or states it wrongly).</summary>
    public string? AgencyName { get; init; }

    /// <summary>Report year when the document does not state it.</summary>
    public int? Year { get; init; }

    /// <summary>Publication date when the document does not state it.</summary>
    public DateOnly? PublicationDate { get; init; }
}
