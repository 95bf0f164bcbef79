using GovReport.Data.Entities;
using Microsoft.Data.Sqlite;

namespace GovReport.Data.Internal;

/// <summary>
/// The group-commit writer's statements on its one long-lived SQLite connection, each prepared once and re-bound
/// per use: a content save then costs a handful of sqlite3_step calls instead of EF's query building, change
/// tracking and a fresh sqlite3_prepare per statement. The SQL writes the same values EF would (Microsoft.Data.Sqlite
/// formats decimals, dates and times when binding, as it does for EF's parameters). Not thread-safe: the writer
/// task is its only user.
/// </summary>
internal sealed class SqliteWriteCommands(SqliteConnection connection) : IDisposable
{
    /// <summary>Most distinct statements kept for <see cref="Prepared"/> (roll-up upserts differ by the cells they touch).</summary>
    public const int MaxCached = 256;

    private readonly Dictionary<string, SqliteCommand> cache = new(StringComparer.Ordinal);
    private SqliteCommand? savepoint, release, rollbackTo, dataVersion;
    private SqliteCommand? updateReport, insertRevision, insertAudit, upsertFingerprint;
    private SqliteCommand? deleteCell, updateCell, insertCell, deletePart, updatePart, insertPart;
    private long? lastDataVersion;

    /// <summary>The batch's transaction; set by the writer after BEGIN (SQLite commands must name the open transaction).</summary>
    public SqliteTransaction? Transaction { get; set; }

    public void Savepoint() => Run(ref savepoint, "SAVEPOINT gc_write", 0);

    public void ReleaseSavepoint() => Run(ref release, "RELEASE gc_write", 0);

    public void RollbackToSavepoint() => Run(ref rollbackTo, "ROLLBACK TO gc_write", 0);

    /// <summary>
    /// Whether another connection committed since the last call (PRAGMA data_version; this connection's own commits
    /// do not count). Call it inside the write transaction, which holds SQLite's write lock, so nothing commits
    /// between the check and the batch. The first call answers true.
    /// </summary>
    public bool OthersCommitted()
    {
        var command = Get(ref dataVersion, "PRAGMA data_version", 0);
        var version = (long)command.ExecuteScalar()!;
        var changed = lastDataVersion != version;
        lastDataVersion = version;
        return changed;
    }

    /// <summary>Forgets the data version, so the next <see cref="OthersCommitted"/> answers true (after a failed batch).</summary>
    public void ForgetDataVersion() => lastDataVersion = null;

    /// <summary>The conditional UPDATE of a content save (the lost-update guard); 1 if the etag still matched, else 0.</summary>
    public int UpdateReport(long id, string etag, string newEtag, int revision, string template, DateOnly? publicationDate,
        int errorCount, int warningCount, string editors, DateTimeOffset now)
    {
        var command = Get(ref updateReport,
            "UPDATE reports SET etag = $p0, revision = $p1, template = $p2, publication_date = $p3, error_count = $p4, "
            + "warning_count = $p5, editors = $p6, updated_at = $p7, updated_ticks = $p8 WHERE id = $p9 AND etag = $p10", 11);
        var p = command.Parameters;
        p[0].Value = newEtag;
        p[1].Value = revision;
        p[2].Value = template;
        p[3].Value = publicationDate is { } date ? date : DBNull.Value;
        p[4].Value = errorCount;
        p[5].Value = warningCount;
        p[6].Value = editors;
        p[7].Value = now;
        p[8].Value = now.UtcTicks;
        p[9].Value = id;
        p[10].Value = etag;
        return command.ExecuteNonQuery();
    }

    public int DeleteCell(long reportId, string address)
    {
        var command = Get(ref deleteCell, "DELETE FROM report_cells WHERE report_id = $p0 AND address = $p1", 2);
        command.Parameters[0].Value = reportId;
        command.Parameters[1].Value = address;
        return command.ExecuteNonQuery();
    }

    public int UpdateCell(ReportCellRow cell) => BindCell(Get(ref updateCell,
        "UPDATE report_cells SET present = $p2, value = $p3, value_scaled = $p4, original_text = $p5, unit = $p6 "
        + "WHERE report_id = $p0 AND address = $p1", 7), cell).ExecuteNonQuery();

    public int InsertCell(ReportCellRow cell) => BindCell(Get(ref insertCell,
        "INSERT INTO report_cells (report_id, address, present, value, value_scaled, original_text, unit) "
        + "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)", 7), cell).ExecuteNonQuery();

    public int DeletePart(long reportId, string code)
    {
        var command = Get(ref deletePart, "DELETE FROM report_parts WHERE report_id = $p0 AND code = $p1", 2);
        command.Parameters[0].Value = reportId;
        command.Parameters[1].Value = code;
        return command.ExecuteNonQuery();
    }

    public int UpdatePart(ReportPartRow part) =>
        BindPart(Get(ref updatePart, "UPDATE report_parts SET text = $p2 WHERE report_id = $p0 AND code = $p1", 3), part).ExecuteNonQuery();

    public int InsertPart(ReportPartRow part) =>
        BindPart(Get(ref insertPart, "INSERT INTO report_parts (report_id, code, text) VALUES ($p0, $p1, $p2)", 3), part).ExecuteNonQuery();

    public void InsertRevision(ReportRevisionRow row)
    {
        var command = Get(ref insertRevision,
            "INSERT INTO report_revisions (report_id, number, actor_id, action, state, snapshot_json, created_at) "
            + "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6)", 7);
        var p = command.Parameters;
        p[0].Value = row.ReportId;
        p[1].Value = row.Number;
        p[2].Value = row.ActorId;
        p[3].Value = row.Action;
        p[4].Value = row.State;
        p[5].Value = row.SnapshotJson;
        p[6].Value = row.CreatedAt;
        command.ExecuteNonQuery();
    }

    public void InsertAudit(AuditRow row)
    {
        var command = Get(ref insertAudit,
            "INSERT INTO audit_log (sequence, time_ticks, actor, action, target, details_json, client_address, previous_hash, hash) "
            + "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8)", 9);
        var p = command.Parameters;
        p[0].Value = row.Sequence;
        p[1].Value = row.TimeTicks;
        p[2].Value = row.Actor;
        p[3].Value = row.Action;
        p[4].Value = row.Target;
        p[5].Value = row.DetailsJson;
        p[6].Value = row.ClientAddress;
        p[7].Value = row.PreviousHash;
        p[8].Value = row.Hash;
        command.ExecuteNonQuery();
    }

    /// <summary>Writes a report's narrative fingerprint, replacing the stored one (report id is the key).</summary>
    public void UpsertFingerprint(NarrativeFingerprintRow row)
    {
        var command = Get(ref upsertFingerprint,
            "INSERT INTO narrative_fingerprints (report_id, agency_id, year, bigram_count, signature, "
            + "band0, band1, band2, band3, band4, band5, band6, band7) "
            + "VALUES ($p0, $p1, $p2, $p3, $p4, $p5, $p6, $p7, $p8, $p9, $p10, $p11, $p12) "
            + "ON CONFLICT (report_id) DO UPDATE SET bigram_count = excluded.bigram_count, signature = excluded.signature, "
            + "band0 = excluded.band0, band1 = excluded.band1, band2 = excluded.band2, band3 = excluded.band3, "
            + "band4 = excluded.band4, band5 = excluded.band5, band6 = excluded.band6, band7 = excluded.band7", 13);
        var p = command.Parameters;
        p[0].Value = row.ReportId;
        p[1].Value = row.AgencyId;
        p[2].Value = row.Year;
        p[3].Value = row.BigramCount;
        p[4].Value = row.Signature;
        p[5].Value = row.Band0;
        p[6].Value = row.Band1;
        p[7].Value = row.Band2;
        p[8].Value = row.Band3;
        p[9].Value = row.Band4;
        p[10].Value = row.Band5;
        p[11].Value = row.Band6;
        p[12].Value = row.Band7;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// A prepared command for <paramref name="sql"/> with parameters <c>$p0</c>… (<paramref name="parameterCount"/>),
    /// kept by its text; beyond <see cref="MaxCached"/> distinct texts the cache starts over.
    /// </summary>
    public SqliteCommand Prepared(string sql, int parameterCount)
    {
        if (!cache.TryGetValue(sql, out var command))
        {
            if (cache.Count >= MaxCached)
            {
                foreach (var old in cache.Values)
                {
                    old.Dispose();
                }

                cache.Clear();
            }

            command = Create(sql, parameterCount);
            cache.Add(sql, command);
        }

        command.Transaction = Transaction;
        return command;
    }

    public void Dispose()
    {
        foreach (var command in new[] { savepoint, release, rollbackTo, dataVersion, updateReport, insertRevision, insertAudit,
                     upsertFingerprint, deleteCell, updateCell, insertCell, deletePart, updatePart, insertPart }.Concat(cache.Values))
        {
            command?.Dispose();
        }

        cache.Clear();
    }

    private static SqliteCommand BindCell(SqliteCommand command, ReportCellRow cell)
    {
        var p = command.Parameters;
        p[0].Value = cell.ReportId;
        p[1].Value = cell.Address;
        p[2].Value = cell.Present;
        p[3].Value = cell.Value is { } value ? value : DBNull.Value;
        p[4].Value = cell.ValueScaled is { } scaled ? scaled : DBNull.Value;
        p[5].Value = (object?)cell.OriginalText ?? DBNull.Value;
        p[6].Value = (object?)cell.Unit ?? DBNull.Value;
        return command;
    }

    private static SqliteCommand BindPart(SqliteCommand command, ReportPartRow part)
    {
        var p = command.Parameters;
        p[0].Value = part.ReportId;
        p[1].Value = part.Code;
        p[2].Value = part.Text;
        return command;
    }

    private void Run(ref SqliteCommand? slot, string sql, int parameterCount) => Get(ref slot, sql, parameterCount).ExecuteNonQuery();

    private SqliteCommand Get(ref SqliteCommand? slot, string sql, int parameterCount)
    {
        slot ??= Create(sql, parameterCount);
        slot.Transaction = Transaction;
        return slot;
    }

    private SqliteCommand Create(string sql, int parameterCount)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < parameterCount; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i, null));
        }

        command.Prepare();
        return command;
    }
}
