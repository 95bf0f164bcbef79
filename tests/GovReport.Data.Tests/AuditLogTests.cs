using GovReport.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

public class AuditLogTests
{
    private static async Task<(TestDatabase Database, World World, long ReportId)> WithHistoryAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        var updated = await stores.Reports.UpdateAsync(world.OfficeClerk, created.Summary.Id, created.Summary.Etag, Content.Sample(20));
        await stores.Reports.SubmitAsync(world.OfficeClerk, created.Summary.Id, updated.Summary.Etag, [], []);
        await stores.Reports.ApproveAsync(world.BeilunReviewer, created.Summary.Id, null);
        return (database, world, created.Summary.Id);
    }

    [Fact]
    public async Task VerifyAsync_AfterWrites_IntactAndRecordsEveryStep()
    {
        var (database, world, reportId) = await WithHistoryAsync();
        await using var _ = database;
        await using var stores = database.NewStores();

        var result = await stores.Audit.VerifyAsync(world.Admin);
        var entries = await stores.Audit.ListAsync(world.Admin, 0, 1000);

        Assert.True(result.Intact, result.Message);
        Assert.Equal(entries.Count, result.EntriesChecked);
        var reportActions = entries.Where(e => e.Target == $"reports/{reportId}").Select(e => e.Action);
        Assert.Equal(["report.create", "report.update", "report.submit", "report.approve"], reportActions);
        var approve = entries.Single(e => e.Action == "report.approve");
        Assert.Equal("beilun-reviewer#" + world.BeilunReviewer.Actor.UserId, approve.Actor);
        Assert.Equal("127.0.0.1:40000", approve.ClientAddress);
        Assert.Contains("\"to\":\"APPROVED\"", approve.DetailsJson, StringComparison.Ordinal);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task VerifyAsync_RowUpdatedWithRawSql_NamesThatSequence()
    {
        var (database, world, _) = await WithHistoryAsync();
        await using var __ = database;
        await using var stores = database.NewStores();

        await stores.Db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET actor = 'intruder' WHERE sequence = 13");
        var result = await stores.Audit.VerifyAsync(world.Admin);

        Assert.False(result.Intact);
        Assert.Equal(13, result.FirstBadSequence);
        Assert.Contains("篡改", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_RowDeletedWithRawSql_NamesTheGap()
    {
        var (database, world, _) = await WithHistoryAsync();
        await using var __ = database;
        await using var stores = database.NewStores();

        await stores.Db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log WHERE sequence = 5");
        var result = await stores.Audit.VerifyAsync(world.Admin);

        Assert.False(result.Intact);
        Assert.Equal(6, result.FirstBadSequence);
    }

    [Fact]
    public async Task VerifyAsync_Clerk_AccessDenied()
    {
        var (database, world, _) = await WithHistoryAsync();
        await using var __ = database;
        await using var stores = database.NewStores();

        await Assert.ThrowsAsync<AccessDeniedException>(() => stores.Audit.VerifyAsync(world.OfficeClerk));
        Assert.True((await stores.Audit.VerifyAsync(world.CityReviewer)).Intact);
    }

    [Fact]
    public async Task AppendAsync_RefusedWrite_LeavesNoAuditEntry()
    {
        var (database, world, reportId) = await WithHistoryAsync();
        await using var __ = database;
        await using var stores = database.NewStores();
        var before = await stores.Db.AuditLog.CountAsync();

        var etag = (await stores.Reports.GetAsync(world.Admin, reportId)).Summary.Etag;

        await Assert.ThrowsAsync<Domain.Workflow.WorkflowException>(() =>
            stores.Reports.UpdateAsync(world.OfficeClerk, reportId, etag, Content.Sample(1)));

        Assert.Equal(before, await stores.Db.AuditLog.CountAsync());
    }
}
