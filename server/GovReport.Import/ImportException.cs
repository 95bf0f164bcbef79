namespace GovReport.Import;

/// <summary>Why a file could not be imported. The handler maps these to gRPC status codes.</summary>
public enum ImportErrorReason
{
    /// <summary>Not a .txt/.docx/.html report, or the bytes are not text in a known encoding.</summary>
    UnsupportedFormat = 1,

    /// <summary>The file is larger than the import limit (RESOURCE_EXHAUSTED).</summary>
    FileTooLarge = 2,

    /// <summary>A .docx that cannot be opened (truncated, not a zip, missing parts).</summary>
    CorruptDocument = 3,

    /// <summary>The document has no table at all: nothing to check.</summary>
    NoTables = 4,

    /// <summary>The document is empty.</summary>
    EmptyDocument = 5,

    /// <summary>The report year cannot be found in the document and was not given.</summary>
    MissingYear = 6,

    /// <summary>Tables too large to resolve (RESOURCE_EXHAUSTED).</summary>
    DocumentTooComplex = 7,
}

/// <summary>
/// A file that cannot be imported. <see cref="Exception.Message"/> is the Chinese reason shown to users;
/// <see cref="ReasonCode"/> is the machine reason (google.rpc.ErrorInfo.reason).
/// </summary>
public sealed class ImportException : Exception
{
    public ImportException(ImportErrorReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public ImportErrorReason Reason { get; }

    /// <summary>UPPER_SNAKE reason code, e.g. "IMPORT_FILE_TOO_LARGE".</summary>
    public string ReasonCode => Reason switch
    {
        ImportErrorReason.UnsupportedFormat => "IMPORT_UNSUPPORTED_FORMAT",
        ImportErrorReason.FileTooLarge => "IMPORT_FILE_TOO_LARGE",
        ImportErrorReason.CorruptDocument => "IMPORT_CORRUPT_DOCUMENT",
        ImportErrorReason.NoTables => "IMPORT_NO_TABLES",
        ImportErrorReason.EmptyDocument => "IMPORT_EMPTY_DOCUMENT",
        ImportErrorReason.MissingYear => "IMPORT_MISSING_YEAR",
        ImportErrorReason.DocumentTooComplex => "IMPORT_DOCUMENT_TOO_COMPLEX",
        _ => "IMPORT_FAILED",
    };

    /// <summary>True when the right status is RESOURCE_EXHAUSTED rather than INVALID_ARGUMENT.</summary>
    public bool IsResourceExhausted => Reason is ImportErrorReason.FileTooLarge or ImportErrorReason.DocumentTooComplex;
}
