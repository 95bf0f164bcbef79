using GovReport.Domain.Identity;
using Microsoft.Data.Sqlite;

namespace GovReport.Data.Tests;

public class BackupTests
{
    [Fact]
    public async Task BackupAsync_WhileWriterRuns_CopyOpensAndPassesIntegrityCheck()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        var world = await database.SeedAsync();
        long id;
        string etag;
        await using (var setup = database.NewStores())
        {
            var created = await setup.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
            (id, etag) = (created.Summary.Id, created.Summary.Etag);
        }

        // A writer keeps saving while the backup runs; neither waits for the other to finish.
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            await using var stores = database.NewStores();
            while (!stop.IsCancellationRequested && writes < 200)
            {
                etag = (await stores.Reports.UpdateAsync(world.OfficeClerk, id, etag, Content.Sample(writes))).Summary.Etag;
                writes++;
            }
        });
        while (Volatile.Read(ref writes) < 3)
        {
            await Task.Delay(5);
        }

        var destination = Path.Combine(database.Directory, "backups", "copy.db");
        BackupResult result;
        await using (var stores = database.NewStores())
        {
            result = await stores.Backup.BackupAsync(world.Admin, destination);
        }

        await stop.CancelAsync();
        await writer;

        Assert.True(result.Bytes > 0);
        await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString());
        await copy.OpenAsync();
        await using var check = copy.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
        check.CommandText = "SELECT count(*) FROM reports;";
        Assert.Equal(1L, await check.ExecuteScalarAsync());
        check.CommandText = "SELECT revision FROM reports;";
        Assert.True((long)(await check.ExecuteScalarAsync())! >= 4);
        await using var after = database.NewStores();
        Assert.True((await after.Audit.VerifyAsync(world.Admin)).Intact);
        Assert.Contains((await after.Audit.ListAsync(world.Admin, 0, 1000)), e => e.Action == "database.backup");
    }

    [Fact]
    public async Task BackupAsync_ExistingFileOrNonAdmin_Refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var destination = Path.Combine(database.Directory, "exists.db");
        await File.WriteAllTextAsync(destination, "x");

        await Assert.ThrowsAsync<ResourceExistsException>(() => stores.Backup.BackupAsync(world.Admin, destination));
        await Assert.ThrowsAsync<AccessDeniedException>(() => stores.Backup.BackupAsync(world.CityReviewer, destination + "2"));
    }
}
