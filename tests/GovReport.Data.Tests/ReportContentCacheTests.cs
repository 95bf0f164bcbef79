namespace GovReport.Data.Tests;

/// <summary>
/// The content cache keeps the two latest versions of a report, so a reader of the committed row still hits while a
/// save of the next version is waiting for its commit, and a reader putting back what it loaded never pushes the
/// newer version out.
/// </summary>
public class ReportContentCacheTests
{
    [Fact]
    public void TryGet_SaveOfNextVersionPending_CommittedVersionStillHits()
    {
        var cache = new ReportContentCache();
        var committed = Content("2026-01-10");
        var pending = Content("2026-01-11");
        cache.Put(7, "etag-1", committed);

        cache.Put(7, "etag-2", pending);

        Assert.True(cache.TryGet(7, "etag-1", out var first));
        Assert.Same(committed, first);
        Assert.True(cache.TryGet(7, "etag-2", out var second));
        Assert.Same(pending, second);
    }

    [Fact]
    public void Put_ReaderPutsBackOlderVersion_NewerVersionKept()
    {
        var cache = new ReportContentCache();
        cache.Put(7, "etag-1", Content("2026-01-10"));
        var pending = Content("2026-01-11");
        cache.Put(7, "etag-2", pending);

        cache.Put(7, "etag-1", Content("2026-01-10"));

        Assert.True(cache.TryGet(7, "etag-2", out var newest));
        Assert.Same(pending, newest);
        Assert.True(cache.TryGet(7, "etag-1", out _));
    }

    [Fact]
    public void Put_ThirdVersion_OldestDropped()
    {
        var cache = new ReportContentCache();
        cache.Put(7, "etag-1", Content("2026-01-10"));
        cache.Put(7, "etag-2", Content("2026-01-11"));

        cache.Put(7, "etag-3", Content("2026-01-12"));

        Assert.False(cache.TryGet(7, "etag-1", out _));
        Assert.True(cache.TryGet(7, "etag-2", out _));
        Assert.True(cache.TryGet(7, "etag-3", out _));
        Assert.False(cache.TryGet(8, "etag-3", out _));
    }

    [Fact]
    public void Put_MoreReportsThanCapacity_AtMostCapacityKeptAndLatestPresent()
    {
        var cache = new ReportContentCache();
        for (var id = 1; id <= ReportContentCache.Capacity + 10; id++)
        {
            cache.Put(id, $"etag-{id}", Content("2026-01-10"));
        }

        var kept = Enumerable.Range(1, ReportContentCache.Capacity + 10).Count(id => cache.TryGet(id, $"etag-{id}", out _));
        Assert.Equal(ReportContentCache.Capacity, kept);
        Assert.True(cache.TryGet(ReportContentCache.Capacity + 10, $"etag-{ReportContentCache.Capacity + 10}", out _));
    }

    private static ReportContent Content(string publicationDate) =>
        new("2021", DateOnly.Parse(publicationDate, System.Globalization.CultureInfo.InvariantCulture),
            new Dictionary<string, string>(StringComparer.Ordinal) { ["1"] = "总体情况" },
            [new StoredCell("一.1.1", true, 3m)]);
}
