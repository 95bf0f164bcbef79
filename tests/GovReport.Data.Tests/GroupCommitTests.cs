using GovReport.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

/// <summary>
/// The SQLite group-commit writer: writes queued while a batch runs share the next transaction, and each still
/// gets its own outcome. The writer is held inside a first write (a gate) until the others are queued, so the
/// batch they share is known.
/// </summary>
public class GroupCommitTests
{
    [Fact]
    public async Task RunAsync_BatchWithStaleEtagAndFailingWrite_OnlyThoseFailOthersCommitOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (database.Writer is not { } writer)
        {
            return; // SQLite only: PostgreSQL commits each write in its own transaction.
        }

        var world = await database.SeedAsync();
        var reports = new List<ReportSnapshot>();
        await using (var setup = database.NewStores())
        {
            for (var i = 0; i < 4; i++)
            {
                var agency = await setup.Agencies.CreateAsync(world.Admin, $"批量测试局{i}", AgencyKind.Department, world.Beilun.Id);
                reports.Add(await setup.Reports.CreateAsync(world.Admin, agency.Id, 2025, Content.Sample(i)));
            }
        }

        var before = writer.Counts;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await RunBehindGateAsync(database, writer, world, reports, gate, before);
        }
        finally
        {
            // Never leave the writer held: disposing the database waits for it.
            gate.TrySetResult();
        }
    }

    private static async Task RunBehindGateAsync(TestDatabase database, GroupCommitWriter writer, World world, List<ReportSnapshot> reports,
        TaskCompletionSource gate, (long Batches, long Writes) before)
    {
        var held = writer.RunAsync(async (_, _) =>
        {
            await gate.Task;
            return 0;
        });
        await WaitUntilAsync(() => writer.Pending == 0);

        // Queued behind the gate: four good updates, a second update of report 0 with the same (then stale) etag,
        // and a write that fails after it has written (a comment, then an exception).
        var stores = Enumerable.Range(0, 6).Select(_ => database.NewStores()).ToList();
        var updates = reports.Select((r, i) => stores[i].Reports.UpdateAsync(world.Admin, r.Summary.Id, r.Summary.Etag, Content.Sample(100 + i))).ToList();
        await WaitUntilAsync(() => writer.Pending == 4);
        var stale = stores[4].Reports.UpdateAsync(world.Admin, reports[0].Summary.Id, reports[0].Summary.Etag, Content.Sample(999));
        await WaitUntilAsync(() => writer.Pending == 5);
        var failing = writer.RunAsync<int>(async (store, ct) =>
        {
            await store.AddCommentAsync(world.Admin, reports[1].Summary.Id, null, null, null, "这条评论随失败的写入一起回滚", ct);
            throw new InvalidOperationException("写入中途失败");
        });
        await WaitUntilAsync(() => writer.Pending == 6);
        gate.SetResult();

        var updated = await Task.WhenAll(updates);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => stale);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("写入中途失败", failure.Message);
        await held;

        // The gate's batch, then one batch for the six queued writes (four committed).
        Assert.Equal((before.Batches + 2, before.Writes + 5), writer.Counts);
        await using var check = database.NewStores();
        for (var i = 0; i < reports.Count; i++)
        {
            var read = await check.Reports.GetAsync(world.Admin, reports[i].Summary.Id);
            Assert.Equal(updated[i].Summary.Etag, read.Summary.Etag);
            Assert.Equal(100m + i, read.Content.Cells.Single(c => c.Address == "applications.new_received.natural_person").Value);
        }

        Assert.Empty(await check.Reports.ListCommentsAsync(world.Admin, reports[1].Summary.Id));
        Assert.True((await check.Audit.VerifyAsync(world.Admin)).Intact);
        Assert.Equal(0, await check.Db.AuditLog.CountAsync(a => a.Action == "report.comment"));
        foreach (var s in stores)
        {
            await s.DisposeAsync();
        }
    }

    [Fact]
    public async Task UpdateAsync_ManyConcurrentWriters_EveryWriteCommittedInFewerBatches()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (database.Writer is not { } writer)
        {
            return;
        }

        var world = await database.SeedAsync();
        var reports = new List<ReportSnapshot>();
        await using (var setup = database.NewStores())
        {
            for (var year = 2010; year < 2026; year++)
            {
                reports.Add(await setup.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, year, Content.Sample()));
            }
        }

        var before = writer.Counts;
        const int Rounds = 10;
        var writers = reports.Select(async report =>
        {
            await using var stores = database.NewStores();
            var etag = report.Summary.Etag;
            for (var round = 1; round <= Rounds; round++)
            {
                etag = (await stores.Reports.UpdateAsync(world.OfficeClerk, report.Summary.Id, etag, Content.Sample(round))).Summary.Etag;
            }

            return etag;
        }).ToList();
        var etags = await Task.WhenAll(writers);

        var after = writer.Counts;
        Assert.Equal(reports.Count * Rounds, after.Writes - before.Writes);
        await using var check = database.NewStores();
        for (var i = 0; i < reports.Count; i++)
        {
            var read = await check.Reports.GetAsync(world.Admin, reports[i].Summary.Id);
            Assert.Equal((etags[i], Rounds + 1), (read.Summary.Etag, read.Summary.Revision));
        }

        Assert.True((await check.Audit.VerifyAsync(world.Admin)).Intact);
        var exact = await check.Reports.RollUpApplicationsExactAsync(world.Admin, world.Ningbo.Id, 2015);
        var maintained = await check.Reports.RollUpApplicationsAsync(world.Admin, world.Ningbo.Id, 2015);
        Assert.Equal(exact.Sums.OrderBy(e => e.Key), maintained.Sums.OrderBy(e => e.Key));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the writer queue did not reach the expected state in 30 s");
            await Task.Delay(5);
        }
    }
}
