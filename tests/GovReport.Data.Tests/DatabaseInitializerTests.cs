using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace GovReport.Data.Tests;

public class DatabaseInitializerTests
{
    [Fact]
    public async Task InitializeAsync_FreshSqliteFile_WalForeignKeysFullSyncAndVersion()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        Assert.Equal("wal", await Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("1", await Scalar(connection, "PRAGMA foreign_keys;"));
        Assert.Equal("2", await Scalar(connection, "PRAGMA synchronous;"));
        Assert.Equal("30000", await Scalar(connection, "PRAGMA busy_timeout;"));
        Assert.Equal(DatabaseInitializer.CurrentVersion, (await db.SchemaInfo.SingleAsync()).Version);
        Assert.True(File.Exists(Path.Combine(database.Directory, "govreport.db")));
    }

    [Fact]
    public async Task InitializeAsync_SecondStart_KeepsDataAndVersion()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();

        await using (var db = database.NewContext())
        {
            await DatabaseInitializer.InitializeAsync(db);
        }

        await using var stores = database.NewStores();
        Assert.Equal(5, (await stores.Agencies.ListAsync()).Count);
        Assert.Equal(world.Office.Path, (await stores.Agencies.GetAsync(world.Office.Id)).Path);
        Assert.Equal(1, await stores.Db.SchemaInfo.CountAsync());
    }

    [Fact]
    public async Task InitializeAsync_Version1Database_AddsUpdatedTicksListIndexAndFingerprints()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        ReportSnapshot created;
        await using (var stores = database.NewStores())
        {
            created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        }

        // Back to what a version-1 database looks like: no updated_ticks column, no list index, no fingerprints, no version-4 orders.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP TABLE narrative_fingerprints");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_state_rank_updated");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_error_count_warning_count");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_updated_ticks_id");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_agency_name");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE reports DROP COLUMN state_rank");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE reports DROP COLUMN agency_name");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_year_state_updated");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE reports DROP COLUMN updated_ticks");
            await db.Database.ExecuteSqlRawAsync("UPDATE schema_info SET version = 1");
        }

        await using (var db = database.NewContext())
        {
            await DatabaseInitializer.InitializeAsync(db);
        }

        await using var check = database.NewStores();
        Assert.Equal(DatabaseInitializer.CurrentVersion, (await check.Db.SchemaInfo.SingleAsync()).Version);
        var row = await check.Db.Reports.AsNoTracking().SingleAsync(r => r.Id == created.Summary.Id);
        Assert.Equal(row.UpdatedAt.UtcTicks, row.UpdatedTicks);
        var listed = await check.Reports.ListAsync(world.Admin, new ReportQuery { Year = 2025, Order = ReportOrder.UpdatedDescending });
        Assert.Equal([created.Summary.Id], listed.Items.Select(r => r.Id));
        Assert.Equal(1, await check.Db.Set<NarrativeFingerprintRow>().CountAsync(f => f.ReportId == created.Summary.Id));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_RefusesToStart()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewContext();
        await db.Database.ExecuteSqlRawAsync("UPDATE schema_info SET version = 99");

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseInitializer.InitializeAsync(db));

        Assert.Contains("99", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromConfiguration_Defaults_SqliteFileUnderDataDir()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GovReport:DataDir"] = "/var/lib/govreport" })
            .Build();

        var options = DatabaseOptions.FromConfiguration(configuration);

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal("/var/lib/govreport/govreport.db", options.SqliteFilePath);
    }

    [Fact]
    public void FromConfiguration_UnknownProvider_ThrowsInChinese()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["GovReport:Database:Provider"] = "oracle" })
            .Build();

        var ex = Assert.Throws<InvalidOperationException>(() => DatabaseOptions.FromConfiguration(configuration));

        Assert.Contains("sqlite 或 postgres", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<string?> Scalar(System.Data.Common.DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
