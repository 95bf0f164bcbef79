using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

/// <summary>
/// The SQLite read pool reads what EF's query reads (every column of both rows), sees each commit at once, and a
/// report read through it is the same snapshot as through EF.
/// </summary>
public class SqliteReadPoolTests
{
    [Fact]
    public async Task ReportAndPrevious_ApprovedLastYearAndDraftThisYear_SameRowsAsEf()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var last = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2024, Content.Sample());
        var updated = await stores.Reports.UpdateAsync(world.OfficeClerk2, last.Summary.Id, last.Summary.Etag, Content.Sample(20));
        await stores.Reports.SubmitAsync(world.OfficeClerk, last.Summary.Id, updated.Summary.Etag, [], []);
        await stores.Reports.ApproveAsync(world.BeilunReviewer, last.Summary.Id, null);
        await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample() with { PublicationDate = null });

        var pooled = database.Readers!.ReportAndPrevious(world.Office.Id, 2025);
        var ef = await stores.Db.Reports.AsNoTracking()
            .Join(stores.Db.Agencies.AsNoTracking(), r => r.AgencyId, a => a.Id, (r, a) => new { Report = r, Agency = a })
            .Where(x => x.Report.AgencyId == world.Office.Id && (x.Report.Year == 2025 || x.Report.Year == 2024))
            .ToListAsync();

        Assert.Equal(2, pooled.Count);
        Assert.Equal(
            ef.OrderBy(x => x.Report.Year).Select(x => JsonSerializer.Serialize(x.Report) + JsonSerializer.Serialize(x.Agency)),
            pooled.OrderBy(x => x.Report.Year).Select(x => JsonSerializer.Serialize(x.Report) + JsonSerializer.Serialize(x.Agency)));
        Assert.Contains(pooled, x => x.Report.ApprovedBy is not null && x.Report.PublicationDate is not null);
        Assert.Contains(pooled, x => x.Report.PublicationDate is null);
    }

    [Fact]
    public async Task FindWithPreviousAsync_ThroughPoolAndThroughEf_SameSnapshotsAndEachCommitSeen()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var world = await database.SeedAsync();
        await using var pooled = database.NewStores();
        await using var ef = database.NewStoresWithoutReadPool();
        var last = await pooled.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2024, Content.Sample());
        var current = await pooled.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());

        for (var value = 21; value < 24; value++)
        {
            var viaPool = await pooled.Reports.FindWithPreviousAsync(world.BeilunReviewer, world.Office.Id, 2025);
            var viaEf = await ef.Reports.FindWithPreviousAsync(world.BeilunReviewer, world.Office.Id, 2025);

            Assert.Equal(current.Summary.Etag, viaPool!.Current.Summary.Etag);
            Assert.Equal(viaEf!.Current.Summary, viaPool.Current.Summary);
            Assert.Equal(viaEf.Previous!.Summary, viaPool.Previous!.Summary);
            Assert.Equal(last.Summary.Id, viaPool.Previous.Summary.Id);
            Assert.Equal(viaEf.Agency, viaPool.Agency);
            Assert.Equal(viaEf.Current.Workflow.Editors, viaPool.Current.Workflow.Editors);
            current = await pooled.Reports.UpdateAsync(world.OfficeClerk, current.Summary.Id, current.Summary.Etag, Content.Sample(value));
        }
    }

    [Fact]
    public async Task ReportAndPrevious_AfterDispose_ObjectDisposed()
    {
        await using var database = await TestDatabase.CreateSqliteAsync();
        var world = await database.SeedAsync();
        database.Readers!.ReportAndPrevious(world.Office.Id, 2025);

        database.Readers.Dispose();

        Assert.Throws<ObjectDisposedException>(() => database.Readers.ReportAndPrevious(world.Office.Id, 2025));
    }
}
