namespace GovReport.Data;

/// <summary>
/// The content (cells and parts) of recently used reports, by report id and etag. A report's content never
/// changes without its etag changing in the same transaction, so an entry whose etag equals the row's current
/// etag is exactly what is stored; <see cref="ReportStore.GetAsync"/> then reads the report row only, not its
/// few hundred cells. Entries are added by a save just before it writes (under its new etag) and after a read that
/// re-checked the etag; each report keeps its two latest versions (<see cref="VersionCache{TValue}"/>).
/// </summary>
public sealed class ReportContentCache
{
    public const int Capacity = 128;

    private readonly VersionCache<ReportContent> versions = new(Capacity);

    public bool TryGet(long reportId, string etag, out ReportContent content) => versions.TryGet(reportId, etag, out content);

    public void Put(long reportId, string etag, ReportContent content) => versions.Put(reportId, etag, content);

    public void Remove(long reportId) => versions.Remove(reportId);
}
