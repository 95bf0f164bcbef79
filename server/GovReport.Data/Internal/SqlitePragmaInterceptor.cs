using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovReport.Data.Internal;

/// <summary>
/// Per-connection SQLite settings (they are not stored in the file, so every pooled connection needs them).
/// synchronous=FULL: with WAL, NORMAL already keeps every acknowledged commit across a SIGKILL of the
/// server (the WAL append reaches the OS before COMMIT returns; only the checkpoint's fsync is deferred),
/// but it can lose the last commits on power loss or an OS crash. FULL fsyncs the WAL on every commit,
/// so an acknowledged write survives both; the cost is one fsync per write transaction.
/// busy_timeout: writers wait for each other instead of failing with SQLITE_BUSY.
/// </summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public static readonly SqlitePragmaInterceptor Instance = new();

    private const string Pragmas = "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
