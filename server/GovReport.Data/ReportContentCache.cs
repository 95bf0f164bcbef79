using System.Collections.Concurrent;

namespace GovReport.Data;

/// <summary>
/// The content (cells and parts) of recently used reports, by report id and etag. A report's content never
/// changes without its etag changing in the same transaction, so an entry whose etag equals the row's current
/// etag is exactly what is stored; <see cref="ReportStore.GetAsync"/> then reads the report row only, not its
/// few hundred cells. Entries are added after a committed save and after a read that re-checked the etag; at
/// most <see cref="Capacity"/> reports are kept (an arbitrary one is dropped beyond that).
/// </summary>
public sealed class ReportContentCache
{
    public const int Capacity = 128;

    private readonly ConcurrentDictionary<long, (string Etag, ReportContent Content)> entries = new();

    public bool TryGet(long reportId, string etag, out ReportContent content)
    {
        if (entries.TryGetValue(reportId, out var entry) && string.Equals(entry.Etag, etag, StringComparison.Ordinal))
        {
            content = entry.Content;
            return true;
        }

        content = null!;
        return false;
    }

    public void Put(long reportId, string etag, ReportContent content)
    {
        entries[reportId] = (etag, content);
        if (entries.Count > Capacity)
        {
            foreach (var key in entries.Keys.Where(k => k != reportId).Take(entries.Count - Capacity))
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    public void Remove(long reportId) => entries.TryRemove(reportId, out _);
}
