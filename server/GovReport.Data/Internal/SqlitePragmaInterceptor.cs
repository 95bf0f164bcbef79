using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace GovReport.Data.Internal;

/// <summary>
/// Per-connection SQLite settings (they are not stored in the file, so every physical connection needs them).
/// synchronous=FULL: with WAL, NORMAL already keeps every acknowledged commit across a SIGKILL of the
/// server (the WAL append reaches the OS before COMMIT returns; only the checkpoint's fsync is deferred),
/// but it can lose the last commits on power loss or an OS crash. FULL fsyncs the WAL on every commit,
/// so an acknowledged write survives both; the cost is one fsync per write transaction.
/// busy_timeout: writers wait for each other instead of failing with SQLITE_BUSY.
/// foreign_keys: also set here once per handle, so the connection string's <c>Foreign Keys=True</c> (which
/// Microsoft.Data.Sqlite runs as a statement on every open, pooled or not) can be left out.
/// The settings live on the sqlite3 handle, which the pool keeps open between EF's opens and closes (EF opens
/// and closes around every query), so they are run once per handle, not on every pooled open.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    // Handles already set up; weak, so a handle closed by the pool (and its entry) can be collected.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    private static readonly object Marker = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (IsConfigured(connection, out var handle))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(handle);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (IsConfigured(connection, out var handle))
        {
            return;
        }

        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        Remember(handle);
    }

    private static bool IsConfigured(DbConnection connection, out sqlite3? handle)
    {
        handle = (connection as SqliteConnection)?.Handle;
        return handle is not null && Configured.TryGetValue(handle, out _);
    }

    // Only after the pragmas ran: a failed attempt leaves the handle to be set up on its next open.
    private static void Remember(sqlite3? handle)
    {
        if (handle is not null)
        {
            Configured.AddOrUpdate(handle, Marker);
        }
    }
}
