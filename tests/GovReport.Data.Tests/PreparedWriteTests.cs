using GovReport.Domain.Identity;
using GovReport.Domain.Reports;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

/// <summary>
/// On SQLite the group-commit writer writes a content save with prepared statements instead of EF, and keeps the audit
/// chain's head in memory from batch to batch. What it stores must be exactly what EF stores, and the chain must stay
/// intact when other connections append between batches or a write in a batch is rolled back.
/// </summary>
public class PreparedWriteTests
{
    private static readonly ReportContent Target = new(
        "TEMPLATE_2021",
        new DateOnly(2026, 1, 25),
        new Dictionary<string, string> { ["overview"] = "本年度政府信息公开工作总体情况良好。", ["problems"] = "存在的主要问题和改进措施。" },
        [
            new StoredCell("applications.new_received.natural_person", true, 12m),
            new StoredCell("applications.new_received.total", true, 1.50m, "1.50"),
            new StoredCell("applications.carried_over.natural_person", false, null, "—"),
            new StoredCell("active_disclosure.art20_8.fees.amount_10k_yuan", true, 123.4567m, "123.4567", "万元"),
            new StoredCell("applications.new_received.legal_person.commercial", true, 0m),
        ]);

    [Fact]
    public async Task UpdateAsync_WrittenByPreparedStatements_StoresExactlyWhatEfStores()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return; // The prepared statements are the SQLite writer's; PostgreSQL saves through EF.
        }

        var world = await database.SeedAsync();
        await using var stores = database.NewStores();

        // Report A: the target content inserted by EF (create). Report B: other content, then saved to the target through
        // the writer (changed, added and removed cells and parts; a new narrative, so a new fingerprint).
        var a = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2024, Target);
        var other = new ReportContent("TEMPLATE_2021", new DateOnly(2025, 12, 31),
            new Dictionary<string, string> { ["overview"] = "另一段完全不同的概述文字。", ["extra.9"] = "其他\n多余的部分" },
            [
                new StoredCell("applications.new_received.natural_person", true, 7m),
                new StoredCell("applications.new_received.total", true, 9.25m, "9.25"),
                new StoredCell("applications.results.other.total", true, 3m),
            ]);
        var b = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, other);
        var saved = await stores.Reports.UpdateAsync(world.OfficeClerk, b.Summary.Id, b.Summary.Etag, Target);

        await using var connection = new SqliteConnection(database.Options.ConnectionString);
        await connection.OpenAsync();
        Assert.Equal(
            await RowsAsync(connection, "SELECT address, present, value, typeof(value), value_scaled, original_text, unit FROM report_cells WHERE report_id = $id ORDER BY address", a.Summary.Id),
            await RowsAsync(connection, "SELECT address, present, value, typeof(value), value_scaled, original_text, unit FROM report_cells WHERE report_id = $id ORDER BY address", b.Summary.Id));
        Assert.Equal(
            await RowsAsync(connection, "SELECT code, text FROM report_parts WHERE report_id = $id ORDER BY code", a.Summary.Id),
            await RowsAsync(connection, "SELECT code, text FROM report_parts WHERE report_id = $id ORDER BY code", b.Summary.Id));
        Assert.Equal(
            await RowsAsync(connection, "SELECT agency_id, bigram_count, hex(signature), band0, band1, band2, band3, band4, band5, band6, band7 FROM narrative_fingerprints WHERE report_id = $id", a.Summary.Id),
            await RowsAsync(connection, "SELECT agency_id, bigram_count, hex(signature), band0, band1, band2, band3, band4, band5, band6, band7 FROM narrative_fingerprints WHERE report_id = $id", b.Summary.Id));
        Assert.Equal(
            await RowsAsync(connection, "SELECT template, publication_date, typeof(publication_date), error_count, warning_count FROM reports WHERE id = $id", a.Summary.Id),
            await RowsAsync(connection, "SELECT template, publication_date, typeof(publication_date), error_count, warning_count FROM reports WHERE id = $id", b.Summary.Id));

        // Times as EF writes them (text, "yyyy-MM-dd HH:mm:ss.fffffff+00:00"), and the sort key matching them.
        var times = await RowsAsync(connection,
            "SELECT r.updated_at, r.updated_ticks, v.created_at FROM reports r JOIN report_revisions v ON v.report_id = r.id AND v.number = r.revision WHERE r.id = $id",
            b.Summary.Id);
        var efTimes = await RowsAsync(connection, "SELECT created_at FROM report_revisions WHERE report_id = $id AND number = 1", a.Summary.Id);
        var pattern = @"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?\+00:00$";
        Assert.Matches(pattern, efTimes[0][0]);
        Assert.Matches(pattern, times[0][0]);
        Assert.Matches(pattern, times[0][2]);
        Assert.Equal(saved.Summary.UpdatedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture), times[0][1]);

        // And EF reads back what the statements wrote.
        await using var check = database.NewStores();
        var read = await check.Reports.GetAsync(world.Admin, b.Summary.Id);
        Assert.Equal(saved.Summary.Etag, read.Summary.Etag);
        Assert.Equal(saved.Summary.UpdatedAt, read.Summary.UpdatedAt);
        Assert.Equal(Target.Cells.OrderBy(c => c.Address, StringComparer.Ordinal), read.Content.Cells);
        Assert.Equal(Target.Parts.OrderBy(p => p.Key), read.Content.Parts.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task UpdateAsync_AuditAppendedByOtherConnectionsBetweenBatches_ChainContinuesFromTheirEntries()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var report = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        var etag = report.Summary.Etag;

        // Each save is a batch of its own; between two of them an agency, a user or a token is written outside the
        // writer, each with its audit entry: the writer's remembered head is then stale and must be read again.
        for (var i = 0; i < 3; i++)
        {
            etag = (await stores.Reports.UpdateAsync(world.OfficeClerk, report.Summary.Id, etag, Content.Sample(20 + i))).Summary.Etag;
            await using var outside = database.NewStores();
            _ = i switch
            {
                0 => (object)await outside.Agencies.CreateAsync(world.Admin, "链外写入局", AgencyKind.Department, world.Beilun.Id),
                1 => await outside.Users.CreateAsync(world.Admin, "outside-clerk", "链外填报员", Role.Clerk, world.Office.Id),
                _ => await outside.Tokens.IssueAsync(world.Admin, world.Admin.Actor.UserId, "cli", TimeSpan.FromDays(1)),
            };
        }

        etag = (await stores.Reports.UpdateAsync(world.OfficeClerk, report.Summary.Id, etag, Content.Sample(30))).Summary.Etag;

        Assert.True((await stores.Audit.VerifyAsync(world.Admin)).Intact);
        var actions = await stores.Db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence).Take(7).Select(a => a.Action).ToListAsync();
        Assert.Equal(["report.update", "token.create", "report.update", "user.create", "report.update", "agency.create", "report.update"], actions);
        Assert.Equal(etag, (await stores.Reports.GetAsync(world.Admin, report.Summary.Id)).Summary.Etag);
    }

    [Fact]
    public async Task RunAsync_WriteRolledBackBetweenTwoSavesOfOneBatch_NextSaveChainsToTheEntryBeforeIt()
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
            reports.Add(await setup.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2024, Content.Sample()));
            reports.Add(await setup.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample()));
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = writer.Counts;
        try
        {
            var held = writer.RunAsync(async (_, _) =>
            {
                await gate.Task;
                return 0;
            });
            await WaitUntilAsync(() => writer.Pending == 0);

            // One batch: a save, a write that appends its audit entry and then fails, another save.
            await using var first = database.NewStores();
            await using var second = database.NewStores();
            var save1 = first.Reports.UpdateAsync(world.OfficeClerk, reports[0].Summary.Id, reports[0].Summary.Etag, Content.Sample(41));
            await WaitUntilAsync(() => writer.Pending == 1);
            var failing = writer.RunAsync<int>(async (store, ct) =>
            {
                await store.AddCommentAsync(world.Admin, reports[0].Summary.Id, null, null, null, "随失败的写入回滚", ct);
                throw new InvalidOperationException("写入中途失败");
            });
            await WaitUntilAsync(() => writer.Pending == 2);
            var save2 = second.Reports.UpdateAsync(world.OfficeClerk, reports[1].Summary.Id, reports[1].Summary.Etag, Content.Sample(42));
            await WaitUntilAsync(() => writer.Pending == 3);
            gate.SetResult();

            await held;
            await save1;
            await save2;
            await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        }
        finally
        {
            gate.TrySetResult();
        }

        Assert.Equal((before.Batches + 2, before.Writes + 3), writer.Counts);
        await using var check = database.NewStores();
        Assert.True((await check.Audit.VerifyAsync(world.Admin)).Intact);
        var last = await check.Db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence).Take(2).Select(a => a.Action).ToListAsync();
        Assert.Equal(["report.update", "report.update"], last);
        Assert.Equal(0, await check.Db.AuditLog.CountAsync(a => a.Action == "report.comment"));
    }

    private static async Task<List<string?[]>> RowsAsync(SqliteConnection connection, string sql, long id)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
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
