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
    // transaction (the group-commit writer's batch, which holds SQLite's write lock throughout) chains to it
    // without reading the head again. The writer forgets it when it rolls a write back.
    private (object Transaction, AuditRow Head)? lastAppended;

    /// <summary>
    /// Adds the next entry to the context. The caller must be inside a transaction and call SaveChanges.
    /// On SQLite the transaction already holds the write lock (BEGIN IMMEDIATE), so the head cannot move.
    /// </summary>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("审计日志必须在写入事务内追加");
        }

        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresAdvisoryLockKey})", cancellationToken);
        }

        var pending = db.ChangeTracker.Entries<AuditRow>()
            .Where(e => e.State == EntityState.Added)
            .Select(e => e.Entity)
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefault();
        var transaction = db.Database.CurrentTransaction;
        var head = pending
            ?? (lastAppended is { } last && ReferenceEquals(last.Transaction, transaction) ? last.Head : null)
            ?? await db.AuditLog.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
        var entry = AuditChain.Append(head is null ? null : ToEntry(head), record, clock.GetUtcNow());
        var row = ToRow(entry);
        db.AuditLog.Add(row);
        lastAppended = (transaction, row);
        return entry;
    }

    /// <summary>Forgets the remembered head (after a rollback to a savepoint undid the entry it points at).</summary>
    internal void ForgetHead() => lastAppended = null;

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
