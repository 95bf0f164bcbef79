using GovReport.Domain.Reports;
using Microsoft.Data.Sqlite;

namespace GovReport.Data.Tests;

/// <summary>
/// The group-commit writer leaves WAL checkpoints to its own thread (WalCheckpointer): its COMMITs never copy pages
/// into the database file themselves, yet committed saves still reach that file soon after.
/// </summary>
public class WalCheckpointTests
{
    [Fact]
    public async Task GroupCommitWriter_SavesCommitted_CheckpointThreadCopiesThemIntoTheDatabaseFile()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(database.IsSqlite, database.Writer is not null);
        if (database.Writer is not { } writer)
        {
            return; // PostgreSQL has no WAL file of ours to checkpoint.
        }

        var world = await database.SeedAsync();
        ReportSnapshot report;
        await using (var setup = database.NewStores())
        {
            var agency = await setup.Agencies.CreateAsync(world.Admin, "检查点测试局", AgencyKind.Department, world.Beilun.Id);
            report = await setup.Reports.CreateAsync(world.Admin, agency.Id, 2025, Content.Sample(0));
        }

        var etag = report.Summary.Etag;
        for (var i = 1; i <= 20; i++)
        {
            await using var stores = database.NewStores();
            etag = (await stores.Reports.UpdateAsync(world.Admin, report.Summary.Id, etag, Content.Sample(i))).Summary.Etag;
        }

        // Read the database file alone (immutable=1 ignores the WAL): the last save is there only once a checkpoint
        // copied it, and nothing in this test runs one.
        var file = new SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (EtagInDatabaseFile(file, report.Summary.Id) != etag)
        {
            Assert.True(DateTime.UtcNow < deadline, "the last save did not reach the database file in 30 s");
            await Task.Delay(20);
        }

        Assert.True(writer.Checkpoints > 0);
    }

    private static string? EtagInDatabaseFile(string path, long reportId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = "file:" + path + "?immutable=1",
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag FROM reports WHERE id = $id";
        command.Parameters.AddWithValue("$id", reportId);
        try
        {
            return command.ExecuteScalar() as string;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            return null; // Not even the schema has been checkpointed yet.
        }
    }
}
