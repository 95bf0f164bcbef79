using GovReport.Data;
using GovReport.Domain.Agencies;
using GovReport.Domain.Reports;
using GovReport.Domain.Workflow;
using GovReport.Services.Reports.Internal;

namespace GovReport.Services.Tests.Reports.Internal;

/// <summary>
/// The model cache converts a stored version once: the committed version (read as another report's last year) and
/// the next version (the saver's response) are both kept, so neither conversion is repeated when they alternate.
/// </summary>
public class ReportModelCacheTests
{
    private static readonly Agency Bureau = new(5, "北仑区财政局", AgencyKind.Department, 1, AgencyPath.Root(1).Child(5));

    [Fact]
    public void Get_CommittedAndNextVersionAlternate_EachConvertedOnce()
    {
        var cache = new ReportModelCache();
        var committed = Snapshot("etag-1", 3m);
        var next = Snapshot("etag-2", 4m);

        var first = cache.Get(committed, Bureau);
        var second = cache.Get(next, Bureau);

        Assert.Same(first.Message, cache.Get(committed, Bureau).Message);
        Assert.Same(second.Message, cache.Get(next, Bureau).Message);
        Assert.Same(first.Report, cache.Get(committed, Bureau).Report);
        Assert.NotSame(first.Message, second.Message);
    }

    [Fact]
    public void Get_ThirdVersion_OldestConvertedAgain()
    {
        var cache = new ReportModelCache();
        var v1 = Snapshot("etag-1", 3m);
        var first = cache.Get(v1, Bureau);
        cache.Get(Snapshot("etag-2", 4m), Bureau);
        cache.Get(Snapshot("etag-3", 5m), Bureau);

        var again = cache.Get(v1, Bureau);

        Assert.NotSame(first.Message, again.Message);
        Assert.Equal(first.Message, again.Message);
    }

    [Fact]
    public void Get_AgencyRenamed_ConvertedAgainWithNewName()
    {
        var cache = new ReportModelCache();
        var snapshot = Snapshot("etag-1", 3m);
        cache.Get(snapshot, Bureau);

        var renamed = cache.Get(snapshot, new Agency(Bureau.Id, "北仑区财政局（更名）", Bureau.Kind, Bureau.ParentId, Bureau.Path));

        Assert.Equal("北仑区财政局（更名）", renamed.Report.AgencyName);
    }

    [Fact]
    public void Put_WithBuiltBasis_MessageEqualsFreshAndSharesUnchangedCells()
    {
        var cache = new ReportModelCache();
        var basis = cache.Get(Snapshot("etag-1", 3m), Bureau);
        _ = basis.Message;
        var builder = basis.Report.ToBuilder();
        builder["applications.results_total.natural_person"] = 4;
        var next = Snapshot("etag-2", 4m);

        cache.Put(next, Bureau, builder.Build(), basis);
        var message = cache.Get(next, Bureau).Message;

        Assert.Equal(Services.Validation.ReportProtoMapper.ToApi(ReportContentMapper.ToReport(next.Content, 2025, Bureau.Name, Bureau.Kind)), message);
        Assert.Equal(message.Cells.Count - 1, message.Cells.Where((c, i) => ReferenceEquals(c, basis.Message.Cells[i])).Count());
    }

    [Fact]
    public void Put_BasisMessageNeverBuilt_MessageBuiltAfresh()
    {
        var cache = new ReportModelCache();
        var basis = cache.Get(Snapshot("etag-1", 3m), Bureau);
        var builder = basis.Report.ToBuilder();
        builder["applications.results_total.natural_person"] = 4;
        var next = Snapshot("etag-2", 4m);

        cache.Put(next, Bureau, builder.Build(), basis);
        var message = cache.Get(next, Bureau).Message;

        Assert.DoesNotContain(message.Cells, c => basis.Message.Cells.Any(b => ReferenceEquals(b, c)));
        Assert.Equal(Services.Validation.ReportProtoMapper.ToApi(ReportContentMapper.ToReport(next.Content, 2025, Bureau.Name, Bureau.Kind)), message);
    }

    private static ReportSnapshot Snapshot(string etag, decimal value) => new(
        new ReportSummary(9, Bureau.Id, Bureau.Path.ToString(), 2025, "TEMPLATE_2021", ReportState.Draft, etag, 1, 0, 0, DateTimeOffset.UnixEpoch),
        new ReportContent("TEMPLATE_2021", new DateOnly(2026, 1, 20), new Dictionary<string, string>(StringComparer.Ordinal),
            [new StoredCell("applications.results_total.natural_person", true, value)]),
        new ReportWorkflow());
}
