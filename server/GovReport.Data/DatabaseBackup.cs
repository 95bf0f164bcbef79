using System.Globalization;
using GovReport.Domain.Identity;
using Microsoft.Data.Sqlite;

namespace GovReport.Data;

public sealed record BackupResult(string Path, long Bytes, DateTimeOffset At);

/// <summary>
/// Online backup of the live SQLite database with SQLite's backup API: it copies the pages of one
/// consistent read snapshot. Under WAL a reader never blocks the writer, so the server keeps accepting
/// writes while the copy runs. PostgreSQL deployments use pg_dump instead.
/// </summary>
public sealed class DatabaseBackup(DatabaseOptions options, AuditLog audit, TimeProvider clock)
{
    public static string DefaultPath(string dataDir, DateTimeOffset now) =>
        Path.Combine(dataDir, "backups", "govreport-" + now.UtcDateTime.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".db");

    public async Task<BackupResult> BackupAsync(Caller caller, string destinationPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Backup, null);
        if (options.Provider != DatabaseProvider.Sqlite || options.SqliteFilePath is null)
        {
            throw new NotSupportedException("在线备份仅支持 SQLite 数据库文件；PostgreSQL 请使用 pg_dump");
        }

        var destination = Path.GetFullPath(destinationPath);
        if (File.Exists(destination))
        {
            throw new ResourceExistsException("backup", $"备份文件 {destination} 已存在，不会覆盖");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        var source = new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString();
        var target = new SqliteConnectionStringBuilder { DataSource = destination, Pooling = false }.ToString();
        await Task.Run(() =>
        {
            using var from = new SqliteConnection(source);
            using var to = new SqliteConnection(target);
            from.Open();
            to.Open();
            using (var busy = from.CreateCommand())
            {
                busy.CommandText = "PRAGMA busy_timeout=30000;";
                busy.ExecuteNonQuery();
            }

            from.BackupDatabase(to);

            // The copy is a standalone file: a rollback journal, not WAL, so it is one self-contained file.
            using var journal = to.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode=DELETE;";
            journal.ExecuteNonQuery();
        }, cancellationToken);

        var result = new BackupResult(destination, new FileInfo(destination).Length, clock.GetUtcNow());
        await audit.AppendStandaloneAsync(AuditLog.Record(caller, "database.backup", "database",
            Internal.Json.Serialize(new { path = destination, bytes = result.Bytes })), cancellationToken);
        return result;
    }
}
