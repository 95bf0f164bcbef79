using System.Collections.Concurrent;

namespace GovReport.Data;

/// <summary>
/// The content (cells and parts) of recently used reports, by report id and etag. A report's content never
/// changes without its etag changing in the same transaction, so an entry whose etag equals the row's current
/// etag is exactly what is stored; <see cref="ReportStore.GetAsync"/> then reads the report row only, not its
/// few hundred cells. Entries are added by a save just before it writes (under its new etag) and after a read that
/// re-checked the etag; at most <see cref="Capacity"/> reports are kept (an arbitrary one is dropped beyond that).
/// </summary>
/// <remarks>
/// Each report keeps its two most recently added versions: while a save waits for its commit the cache already
/// holds the new etag, and readers still see the committed row with the old one. With one version per report every
/// such read missed, loaded the cells, and put the old version back over the new one, so the saver's own next read
/// missed too; under steady edits that was most reads.
/// </remarks>
public sealed class ReportContentCache
{
    public const int Capacity = 128;

    private readonly ConcurrentDictionary<long, Versions> entries = new();

    public bool TryGet(long reportId, string etag, out ReportContent content)
    {
        if (entries.TryGetValue(reportId, out var versions))
        {
            if (string.Equals(versions.Etag, etag, StringComparison.Ordinal))
            {
                content = versions.Content;
                return true;
            }

            if (versions.Older is { } older && string.Equals(older.Etag, etag, StringComparison.Ordinal))
            {
                content = older.Content;
                return true;
            }
        }

        content = null!;
        return false;
    }

    public void Put(long reportId, string etag, ReportContent content)
    {
        entries.AddOrUpdate(
            reportId,
            static (_, added) => new Versions(added.etag, added.content, null),
            static (_, existing, added) => existing.With(added.etag, added.content),
            (etag, content));
        if (entries.Count > Capacity)
        {
            foreach (var key in entries.Keys.Where(k => k != reportId).Take(entries.Count - Capacity))
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    public void Remove(long reportId) => entries.TryRemove(reportId, out _);

    private sealed record Versions(string Etag, ReportContent Content, Versions? Older)
    {
        // Adding a version already held changes nothing (a reader re-putting what it loaded must not push the
        // newer version out); a new one becomes the latest and keeps the previous latest as the older.
        public Versions With(string etag, ReportContent content) =>
            string.Equals(Etag, etag, StringComparison.Ordinal) || string.Equals(Older?.Etag, etag, StringComparison.Ordinal)
                ? this
                : new Versions(etag, content, this with { Older = null });
    }
}
