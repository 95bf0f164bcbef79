using GovReport.Data.Entities;
using GovReport.Domain.Audit;
using GovReport.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

/// <summary>
/// The hash-chained audit log. Writers append inside the transaction of the change they record, so a
/// change and its audit entry commit (or vanish) together.
/// </summary>
public sealed class AuditLog(GovReportDbContext db, TimeProvider clock)
{
    // Any constant: serialises appenders on PostgreSQL, where reading the head and inserting is otherwise racy.
    private const long PostgresAdvisoryLockKey = 0x4756_5250_4155_4454;

    // The last entry this log appended and the transaction it was appended in: a later append in the same
    // transaction chains to it without reading the head again. The group-commit writer's log keeps it across
    // transactions too (see HeadKeptByWriter).
    private (object? Transaction, AuditRow Head)? lastAppended;

    /// <summary>
    /// Set on the group-commit writer's own log: the remembered head stays valid from one batch to the next, because
    /// the writer, holding SQLite's write lock, forgets it when another connection has committed since its last batch
    /// and puts back the previous head when it rolls a write back.
    /// </summary>
    internal bool HeadKeptByWriter { get; init; }

    /// <summary>
    /// Adds the next entry to the context. The caller must be inside a transaction and call SaveChanges.
    /// On SQLite the transaction already holds the write lock (BEGIN IMMEDIATE), so the head cannot move.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        var row = await NextAsync(record, cancellationToken);
        db.AuditLog.Add(row);
        return ToEntry(row);
    }

    /// <summary>
    /// The next entry of the chain as a row, remembered as the new head, for a caller that inserts it itself in the
    /// current transaction (the writer's prepared statement); <see cref="AppendAsync"/> adds it to the context instead.
    /// </summary>
    internal async ValueTask<AuditRow> NextAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("审计日志必须在写入事务内追加");
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", cancellationToken);
        }

        var head = lastAppended is { } last && (HeadKeptByWriter || ReferenceEquals(last.Transaction, transaction))
            ? last.Head
            : db.ChangeTracker.Entries<AuditRow>()
                .Where(e => e.State == EntityState.Added)
                .Select(e => e.Entity)
                .OrderByDescending(e => e.Sequence)
                .FirstOrDefault()
                ?? await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var row = ToRow(AuditChain.Append(head is null ? null : ToEntry(head), record, clock.GetUtcNow()));
        lastAppended = (HeadKeptByWriter ? null : transaction, row);
        return row;
    }

    /// <summary>The remembered head, for <see cref="RestoreHead"/> after a rollback to a savepoint taken now.</summary>
    internal AuditRow? RememberedHead => lastAppended?.Head;

    /// <summary>Forgets the remembered head (after a rollback undid the entry it points at, or another writer appended).</summary>
    internal void ForgetHead() => lastAppended = null;

    /// <summary>Puts back the head remembered when a savepoint was taken, after rolling back to that savepoint.</summary>
    internal void RestoreHead(AuditRow? head) =>
        lastAppended = head is null ? null : (HeadKeptByWriter ? null : db.Database.CurrentTransaction, head);

    /// <summary>Appends one entry in a transaction of its own (for actions that change nothing else, e.g. a backup).</summary>
    public async Task<AuditEntry> AppendStandaloneAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await AppendAsync(record, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return entry;
    }

    public async Task<AuditVerification> VerifyAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.VerifyAudit, null);
        var rows = await db.AuditLog.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(cancellationToken);
        return AuditVerifier.Verify(rows.Select(ToEntry));
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(Caller caller, long afterSequence, int max,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.VerifyAudit, null);
        var rows = await db.AuditLog.AsNoTracking()
            .Where(a => a.Sequence > afterSequence)
            .OrderBy(a => a.Sequence)
            .Take(Math.Clamp(max, 1, 1000))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToEntry)];
    }

    internal static AuditRecord Record(Caller caller, string action, string target, string detailsJson) =>
        new(caller.Actor.Name + "#" + caller.Actor.UserId, action, target, detailsJson, caller.ClientAddress);

    private static AuditEntry ToEntry(AuditRow row) =>
        new(row.Sequence, new DateTimeOffset(row.TimeTicks, TimeSpan.Zero), row.Actor, row.Action, row.Target,
            row.DetailsJson, row.ClientAddress, row.PreviousHash, row.Hash);

    private static AuditRow ToRow(AuditEntry entry) => new()
    {
        Sequence = entry.Sequence,
        TimeTicks = entry.Time.UtcTicks,
        Actor = entry.Actor,
        Action = entry.Action,
        Target = entry.Target,
        DetailsJson = entry.DetailsJson,
        ClientAddress = entry.ClientAddress,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };
}
