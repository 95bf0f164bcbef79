namespace GovReport.Data;

/// <summary>The etag the caller sent is not the current one: someone else saved first. Maps to ABORTED.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException(long reportId, string expectedEtag, string? currentEtag)
        : base($"报告 {reportId} 已被他人修改（您持有的版本标记为 {expectedEtag}），请重新读取最新内容后再保存")
    {
        ReportId = reportId;
        ExpectedEtag = expectedEtag;
        CurrentEtag = currentEtag;
    }

    public long ReportId { get; }

    public string ExpectedEtag { get; }

    public string? CurrentEtag { get; }
}

/// <summary>The addressed resource does not exist (or is invisible to the caller). Maps to NOT_FOUND.</summary>
public sealed class ResourceNotFoundException(string resource, string message) : Exception(message)
{
    public string Resource { get; } = resource;
}

/// <summary>A unique key is taken, e.g. a second report for the same agency and year. Maps to ALREADY_EXISTS.</summary>
public sealed class ResourceExistsException(string resource, string message) : Exception(message)
{
    public string Resource { get; } = resource;
}

/// <summary>Input the store cannot keep as given (e.g. more than four decimals). Maps to INVALID_ARGUMENT.</summary>
public sealed class InvalidStoreArgumentException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
