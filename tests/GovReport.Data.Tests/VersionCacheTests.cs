namespace GovReport.Data.Tests;

public class VersionCacheTests
{
    [Fact]
    public void Put_HeldEtagAgain_ValueReplacedInPlaceAndOtherVersionKept()
    {
        var cache = new VersionCache<string>(4);
        cache.Put(1, "etag-1", "first");
        cache.Put(1, "etag-2", "second");

        cache.Put(1, "etag-1", "first, converted again");
        cache.Put(1, "etag-2", "second, converted again");

        Assert.True(cache.TryGet(1, "etag-1", out var older));
        Assert.Equal("first, converted again", older);
        Assert.True(cache.TryGet(1, "etag-2", out var latest));
        Assert.Equal("second, converted again", latest);
    }

    [Fact]
    public void Remove_Report_BothVersionsGone()
    {
        var cache = new VersionCache<string>(4);
        cache.Put(1, "etag-1", "first");
        cache.Put(1, "etag-2", "second");

        cache.Remove(1);

        Assert.False(cache.TryGet(1, "etag-1", out _));
        Assert.False(cache.TryGet(1, "etag-2", out _));
    }

    [Fact]
    public void Constructor_CapacityZero_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new VersionCache<string>(0));
}
