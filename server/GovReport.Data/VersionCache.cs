using System.Collections.Concurrent;

namespace GovReport.Data;

/// <summary>
/// Values derived from a stored report, by report id and etag, keeping each report's two latest versions. An etag is
/// random and new with every save, so a value found under the etag a reader holds is exactly what that version
/// gives. Two versions, not one: a save puts its new etag before its commit while readers still see the committed
/// row with the old one; with one version per report each such read missed and put the old version back over the new
/// one, so the saver's own next read missed too. At most <see cref="Capacity"/> reports are kept (an arbitrary one is
/// dropped beyond that).
/// </summary>
public sealed class VersionCache<TValue>(int capacity)
    where TValue : class
{
    private readonly ConcurrentDictionary<long, Versions> entries = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public bool TryGet(long reportId, string etag, out TValue value)
    {
        if (entries.TryGetValue(reportId, out var versions))
        {
            if (string.Equals(versions.Etag, etag, StringComparison.Ordinal))
            {
                value = versions.Value;
                return true;
            }

            if (versions.Older is { } older && string.Equals(older.Etag, etag, StringComparison.Ordinal))
            {
                value = older.Value;
                return true;
            }
        }

        value = null!;
        return false;
    }

    /// <summary>
    /// Stores <paramref name="value"/> for <paramref name="etag"/>: in place when that version is held (so a reader
    /// putting back what it loaded never pushes the newer version out), else as the latest, keeping the previous latest.
    /// </summary>
    public void Put(long reportId, string etag, TValue value)
    {
        entries.AddOrUpdate(
            reportId,
            static (_, added) => new Versions(added.etag, added.value, null),
            static (_, existing, added) => existing.With(added.etag, added.value),
            (etag, value));
        if (entries.Count > Capacity)
        {
            foreach (var key in entries.Keys.Where(k => k != reportId).Take(entries.Count - Capacity))
            {
                entries.TryRemove(key, out _);
            }
        }
    }

    public void Remove(long reportId) => entries.TryRemove(reportId, out _);

    private sealed record Versions(string Etag, TValue Value, Versions? Older)
    {
        public Versions With(string etag, TValue value)
        {
            if (string.Equals(Etag, etag, StringComparison.Ordinal))
            {
                return this with { Value = value };
            }

            return string.Equals(Older?.Etag, etag, StringComparison.Ordinal)
                ? this with { Older = Older! with { Value = value } }
                : new Versions(etag, value, this with { Older = null });
        }
    }
}
