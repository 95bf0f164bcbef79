using GovReport.Data.Internal;
using GovReport.Domain.Agencies;
using GovReport.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

// The write of one content save (UpdateReport's hot path), run inside the group-commit writer's batch on SQLite.
public sealed partial class ReportStore
{
    /// <summary>
    /// The group-commit writer's prepared statements, on the store it runs its batches with (SQLite); null elsewhere
    /// (PostgreSQL, a store without a writer), where a save is written through EF.
    /// </summary>
    internal SqliteWriteCommands? Prepared { get; init; }

    private async Task<ReportSummary> ApplyUpdateAsync(Caller caller, ReportEdit edit, CancellationToken cancellationToken)
    {
        if (Prepared is { } commands)
        {
            return await ApplyPreparedUpdateAsync(commands, caller, edit, cancellationToken);
        }

        var (summary, etag, newEtag, revision, editors, content, diff, record) = edit;
        var id = summary.Id;
        var now = clock.GetUtcNow();
        var updated = await db.Reports
            .Where(r => r.Id == id && r.Etag == etag)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Etag, newEtag)
                .SetProperty(r => r.Revision, revision)
                .SetProperty(r => r.Template, content.Template)
                .SetProperty(r => r.PublicationDate, content.PublicationDate)
                .SetProperty(r => r.ErrorCount, content.ErrorCount)
                .SetProperty(r => r.WarningCount, content.WarningCount)
                .SetProperty(r => r.Editors, editors)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.UpdatedTicks, now.UtcTicks), cancellationToken);
        if (updated != 1)
        {
            throw await ConflictAsync(id, etag, cancellationToken);
        }

        if (diff.RemovedCells.Count > 0)
        {
            await db.ReportCells.Where(c => c.ReportId == id && diff.RemovedCells.Contains(c.Address)).ExecuteDeleteAsync(cancellationToken);
        }

        if (diff.RemovedParts.Count > 0)
        {
            await db.ReportParts.Where(p => p.ReportId == id && diff.RemovedParts.Contains(p.Code)).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var cell in diff.ChangedCells.Concat(diff.AddedCells))
        {
            cell.ReportId = id;
        }

        foreach (var part in diff.ChangedParts.Concat(diff.AddedParts))
        {
            part.ReportId = id;
        }

        db.ReportCells.UpdateRange(diff.ChangedCells);
        db.ReportCells.AddRange(diff.AddedCells);
        db.ReportParts.UpdateRange(diff.ChangedParts);
        db.ReportParts.AddRange(diff.AddedParts);
        if (diff.PartsChanged)
        {
            // V18's fingerprint depends on the narrative only: a save of cells alone keeps the stored one.
            await NarrativeFingerprints.SaveAsync(db, id, summary.AgencyId, summary.Year, content.Parts, cancellationToken);
        }

        await ApplicationsRollup.ApplyAsync(db, AgencyPath.Parse(summary.AgencyPath), summary.Year, summary.State.ToCode(),
            diff.RollupDelta, 0, cancellationToken);
        db.ReportRevisions.Add(RevisionRow(id, revision, caller, "update", summary.State.ToCode(), record, now));
        await audit.AppendAsync(AuditLog.Record(caller, "report.update", Target(id),
            Json.Serialize(new { previousEtag = etag, etag = newEtag, revision, cells = content.Cells.Count, changed = diff.ChangedCount })),
            cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return summary with
        {
            Template = content.Template,
            Etag = newEtag,
            Revision = revision,
            ErrorCount = content.ErrorCount,
            WarningCount = content.WarningCount,
            UpdatedAt = now,
        };
    }

    // The same write as above, statement for statement, through prepared commands re-bound per save: no query
    // building, no change tracking, no re-prepare. Runs inside the writer's savepoint; any exception rolls it back.
    private async Task<ReportSummary> ApplyPreparedUpdateAsync(SqliteWriteCommands commands, Caller caller, ReportEdit edit,
        CancellationToken cancellationToken)
    {
        var (summary, etag, newEtag, revision, editors, content, diff, record) = edit;
        var id = summary.Id;
        var now = clock.GetUtcNow();
        if (commands.UpdateReport(id, etag, newEtag, revision, content.Template, content.PublicationDate, content.ErrorCount,
                content.WarningCount, editors, now) != 1)
        {
            throw await ConflictAsync(id, etag, cancellationToken);
        }

        foreach (var address in diff.RemovedCells)
        {
            commands.DeleteCell(id, address);
        }

        foreach (var code in diff.RemovedParts)
        {
            commands.DeletePart(id, code);
        }

        foreach (var cell in diff.ChangedCells)
        {
            cell.ReportId = id;
            Expect(commands.UpdateCell(cell), id, cell.Address);
        }

        foreach (var cell in diff.AddedCells)
        {
            cell.ReportId = id;
            commands.InsertCell(cell);
        }

        foreach (var part in diff.ChangedParts)
        {
            part.ReportId = id;
            Expect(commands.UpdatePart(part), id, part.Code);
        }

        foreach (var part in diff.AddedParts)
        {
            part.ReportId = id;
            commands.InsertPart(part);
        }

        if (diff.PartsChanged)
        {
            NarrativeFingerprints.Save(commands, id, summary.AgencyId, summary.Year, content.Parts);
        }

        ApplicationsRollup.Apply(commands, AgencyPath.Parse(summary.AgencyPath), summary.Year, summary.State.ToCode(), diff.RollupDelta, 0);
        commands.InsertRevision(RevisionRow(id, revision, caller, "update", summary.State.ToCode(), record, now));
        commands.InsertAudit(await audit.NextAsync(AuditLog.Record(caller, "report.update", Target(id),
            Json.Serialize(new { previousEtag = etag, etag = newEtag, revision, cells = content.Cells.Count, changed = diff.ChangedCount })),
            cancellationToken));
        return summary with
        {
            Template = content.Template,
            Etag = newEtag,
            Revision = revision,
            ErrorCount = content.ErrorCount,
            WarningCount = content.WarningCount,
            UpdatedAt = now,
        };
    }

    // The diff was computed against the content stored under the etag the UPDATE just matched, so every changed row
    // exists; if one does not, the store is not what the diff assumed and the save must not go on (as EF's UPDATE did).
    private static void Expect(int rows, long id, string key)
    {
        if (rows != 1)
        {
            throw new InvalidOperationException($"报告 {id} 的 {key} 与保存所依据的内容不一致，保存已回滚");
        }
    }
}
