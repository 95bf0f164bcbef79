using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data.Tests;

/// <summary>
/// synchronous=FULL, the busy timeout and foreign keys are set once per physical SQLite connection, not on every pooled open (EF
/// opens and closes around each query); a pooled reopen must still carry them, and a new physical connection gets them.
/// </summary>
public class SqlitePragmaTests
{
    [Fact]
    public async Task OpenConnection_PooledReopen_StillSynchronousFullAndBusyTimeout()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return; // SQLite settings.
        }

        await using var db = database.NewContext();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var handle = connection.Handle;
        Assert.Equal((2L, 30000L, 1L), await SettingsAsync(connection));
        await db.Database.CloseConnectionAsync();

        await db.Database.OpenConnectionAsync();

        Assert.Same(handle, connection.Handle); // the pool gave back the same physical connection
        Assert.Equal((2L, 30000L, 1L), await SettingsAsync(connection));
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task OpenConnection_PooledReopen_DoesNotRunThePragmasAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        await using var db = database.NewContext();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();

        // A marker only this physical connection carries: if the interceptor ran again on the reopen, it would be reset.
        await db.Database.ExecuteSqlRawAsync("PRAGMA busy_timeout=12345");
        await db.Database.CloseConnectionAsync();
        await db.Database.OpenConnectionAsync();

        Assert.Equal((2L, 12345L, 1L), await SettingsAsync(connection));
        await db.Database.ExecuteSqlRawAsync("PRAGMA busy_timeout=30000");
        await db.Database.CloseConnectionAsync();
    }

    [Fact]
    public async Task OpenConnection_NewPhysicalConnectionAfterPoolCleared_GetsTheSettings()
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        await using var db = database.NewContext();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var handle = connection.Handle;
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearPool(connection);

        await db.Database.OpenConnectionAsync();

        Assert.NotSame(handle, connection.Handle);
        Assert.Equal((2L, 30000L, 1L), await SettingsAsync(connection));
        await db.Database.CloseConnectionAsync();
    }

    private static async Task<(long Synchronous, long BusyTimeout, long ForeignKeys)> SettingsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        var synchronous = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA busy_timeout";
        var busyTimeout = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = "PRAGMA foreign_keys";
        return (synchronous, busyTimeout, (long)(await command.ExecuteScalarAsync())!);
    }
}
