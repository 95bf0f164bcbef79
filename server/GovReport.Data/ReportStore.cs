using System.Globalization;
using GovReport.Data.Entities;
using GovReport.Data.EntityConfigurations;
using GovReport.Data.Internal;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

/// <summary>
/// Reports: one per (agency, year). Every write runs in one transaction that also appends its audit
/// entry; every content change is a revision; every save replaces the etag through a conditional
/// <c>UPDATE … WHERE etag = @old</c>, so of two writers holding the same etag exactly one wins, even
/// across processes. Access is checked with <see cref="AccessPolicy"/> and transitions by
/// <see cref="ReportWorkflow"/>. On SQLite the writes go through the <see cref="GroupCommitWriter"/> when one
/// is given (the server registers one): concurrent writes then share one transaction and one fsync. With a
/// <see cref="ReportContentCache"/> a read of an unchanged report loads its row only.
/// </summary>
public sealed partial class ReportStore(GovReportDbContext db, AuditLog audit, TimeProvider clock, GroupCommitWriter? writer = null,
    ReportContentCache? cache = null, SqliteReadPool? readers = null)
{
    /// <summary>Cells keep at most four decimals: <see cref="ReportCellRow.ValueScaled"/> is value × 10 000.</summary>
    public const decimal Scale = 10_000m;

    public const int MaxPageSize = 500;

    public async Task<ReportSnapshot> CreateAsync(Caller caller, long agencyId, int year, ReportContent content,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(content);
        if (year is < 2008 or > 2100)
        {
            throw new InvalidStoreArgumentException("year", $"报告年度 {year} 无效");
        }

        var cells = ToCellRows(content.Cells);
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new ResourceNotFoundException("agency", $"机关 {agencyId} 不存在");
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Create, AgencyPath.Parse(agency.Path));
        return await WriteAsync((store, ct) => store.CreateCoreAsync(caller, agency, year, content, cells, ct), cancellationToken);
    }

    private async Task<ReportSnapshot> CreateCoreAsync(Caller caller, AgencyRow agency, int year, ReportContent content,
        List<ReportCellRow> cells, CancellationToken cancellationToken)
    {
        var agencyId = agency.Id;
        if (await db.Reports.AnyAsync(r => r.AgencyId == agencyId && r.Year == year, cancellationToken))
        {
            throw new ResourceExistsException("report", $"“{agency.Name}”的 {year} 年度报告已存在");
        }

        var workflow = new ReportWorkflow();
        workflow.RecordEdit(caller.Actor);
        var now = clock.GetUtcNow();
        var row = new ReportRow
        {
            AgencyId = agencyId,
            AgencyPath = agency.Path,
            AgencyName = agency.Name,
            Year = year,
            Template = content.Template,
            State = ReportState.Draft.ToCode(),
            Etag = Etags.New(),
            Revision = 1,
            PublicationDate = content.PublicationDate,
            ErrorCount = content.ErrorCount,
            WarningCount = content.WarningCount,
            Editors = FormatIds(workflow.Editors),
            CreatedBy = caller.Actor.UserId,
            CreatedAt = now,
            UpdatedAt = now,
            UpdatedTicks = now.UtcTicks,
        };
        db.Reports.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique (agency, year) index caught a concurrent create (PostgreSQL; SQLite serialises writers).
            throw new ResourceExistsException("report", $"“{agency.Name}”的 {year} 年度报告已存在");
        }

        AddContent(row.Id, cells, content.Parts);
        await NarrativeFingerprints.SaveAsync(db, row.Id, agencyId, year, content.Parts, cancellationToken);
        AddRevision(row, caller, "create", RevisionRecord.Full(content), now);
        await ApplicationsRollup.ApplyAsync(db, AgencyPath.Parse(row.AgencyPath), year, row.State,
            ApplicationsRollup.Vector(cells), 1, cancellationToken);
        await audit.AppendAsync(AuditLog.Record(caller, "report.create", Target(row.Id),
            Json.Serialize(new { agencyId, year, etag = row.Etag, revision = 1, cells = cells.Count })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Snapshot(row, content, workflow);
    }

    public async Task<ReportSnapshot> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        var row = await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        return Snapshot(row, await ContentAsync(row, cancellationToken), Restore(row));
    }

    /// <summary>
    /// The report of <paramref name="agencyId"/> for <paramref name="year"/>, its agency, and the same agency's report
    /// of the year before (for the history rules), in one query; null when the report does not exist. Reading the
    /// report needs read access (else <see cref="AccessDeniedException"/>); last year's report is left out (null)
    /// when the caller may not read it. Contents come from the cache when their etags match.
    /// </summary>
    public async Task<ReportWithHistory?> FindWithPreviousAsync(Caller caller, long agencyId, int year,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ReportRow? currentRow = null;
        ReportRow? previousRow = null;
        AgencyRow? agencyRow = null;
        var rows = readers is not null
            ? readers.ReportAndPrevious(agencyId, year)
            : await ReportAndPreviousQuery(db, agencyId, year).ToListAsync(cancellationToken);
        foreach (var found in rows)
        {
            agencyRow = found.Agency;
            if (found.Report.Year == year)
            {
                currentRow = found.Report;
            }
            else
            {
                previousRow = found.Report;
            }
        }

        if (currentRow is null)
        {
            return null;
        }

        var path = AgencyPath.Parse(currentRow.AgencyPath);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Read, path);
        var current = Snapshot(currentRow, await ContentAsync(currentRow, cancellationToken), Restore(currentRow));
        ReportSnapshot? previous = null;
        if (previousRow is not null && AccessPolicy.Evaluate(caller.Actor, AccessAction.Read, AgencyPath.Parse(previousRow.AgencyPath)).Allowed)
        {
            previous = Snapshot(previousRow, await ContentAsync(previousRow, cancellationToken), Restore(previousRow));
        }

        var agency = AgencyStore.ToAgency(agencyRow!);
        return new ReportWithHistory(current, agency, previous);
    }

    // Compiled once: the hot read of every save skips EF's per-call expression tree work.
    private static readonly Func<GovReportDbContext, long, int, IAsyncEnumerable<(ReportRow Report, AgencyRow Agency)>> ReportAndPreviousQuery =
        EF.CompileAsyncQuery((GovReportDbContext db, long agencyId, int year) =>
            from r in db.Reports.AsNoTracking()
            join a in db.Agencies.AsNoTracking() on r.AgencyId equals a.Id
            where r.AgencyId == agencyId && (r.Year == year || r.Year == year - 1)
            select ValueTuple.Create(r, a));

    /// <summary>Replaces the content. <paramref name="etag"/> must be the current one, else <see cref="ConcurrencyConflictException"/>.</summary>
    public async Task<ReportSnapshot> UpdateAsync(Caller caller, long id, string etag, ReportContent content,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ValidateCells(content.Cells);
        var current = await GetAsync(caller, id, cancellationToken);
        return await UpdateAsync(caller, current, etag, content, cancellationToken);
    }

    /// <summary>
    /// Replaces the content of <paramref name="current"/> (as <see cref="GetAsync"/> returned it) with
    /// <paramref name="content"/>, writing only the cells and parts that differ. The write is conditioned on
    /// <paramref name="etag"/>, which must be <paramref name="current"/>'s: any write since that read changed the
    /// etag, so the save is refused (<see cref="ConcurrencyConflictException"/>) instead of being applied to
    /// content it was not computed from.
    /// </summary>
    public async Task<ReportSnapshot> UpdateAsync(Caller caller, ReportSnapshot current, string etag, ReportContent content,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(content);
        var inAddressOrder = ValidateCells(content.Cells);
        var summary = current.Summary;
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Update, AgencyPath.Parse(summary.AgencyPath));
        if (!string.Equals(summary.Etag, etag, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException(summary.Id, etag, summary.Etag);
        }

        var workflow = Copy(current.Workflow);
        workflow.RecordEdit(caller.Actor);
        var diff = ContentDiff.Compute(current.Content, content.Cells, inAddressOrder, content.Parts);
        var revision = summary.Revision + 1;
        var record = RevisionRecord.IsSnapshotNumber(revision) ? RevisionRecord.Full(content) : diff.ToRevision(content);
        var edit = new ReportEdit(summary, etag, Etags.New(), revision, FormatIds(workflow.Editors), content, diff, record);

        // Cached under the new etag before the write: readers that see the committed row find its content at once
        // (after the COMMIT, before this caller resumes, they would miss and load it). The etag is new and random, so
        // if the write fails no stored row ever carries it and the entry is never hit.
        cache?.Put(summary.Id, edit.NewEtag, inAddressOrder ? content : InAddressOrder(content));
        var updated = await WriteAsync((store, ct) => store.ApplyUpdateAsync(caller, edit, ct), cancellationToken);
        return Snapshot(updated, content, workflow);
    }

    /// <summary>Deletes a draft. Other states are refused by the workflow.</summary>
    public Task DeleteAsync(Caller caller, long id, string? etag, CancellationToken cancellationToken = default) =>
        WriteAsync((store, ct) => store.DeleteCoreAsync(caller, id, etag, ct), cancellationToken);

    private async Task<bool> DeleteCoreAsync(Caller caller, long id, string? etag, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(caller, id, AccessAction.Delete, cancellationToken);
        var expected = etag ?? row.Etag;
        RequireEtag(row, expected);
        Restore(row).EnsureDeletable();
        var before = await ApplicationsRollup.LoadVectorAsync(db, id, cancellationToken);
        var deleted = await db.Reports.Where(r => r.Id == id && r.Etag == expected).ExecuteDeleteAsync(cancellationToken);
        if (deleted != 1)
        {
            throw await ConflictAsync(id, expected, cancellationToken);
        }

        await ApplicationsRollup.ApplyAsync(db, AgencyPath.Parse(row.AgencyPath), row.Year, row.State,
            ApplicationsRollup.Negate(before), -1, cancellationToken);
        await audit.AppendAsync(AuditLog.Record(caller, "report.delete", Target(id),
            Json.Serialize(new { row.AgencyId, row.Year, etag = expected })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <param name="findings">Findings of a validation run on the current content (the caller runs it).</param>
    /// <param name="justifications">New justifications; ones stored earlier for the same findings count too.</param>
    public async Task<ReportSnapshot> SubmitAsync(Caller caller, long id, string? etag,
        IReadOnlyCollection<SubmissionFinding> findings, IReadOnlyCollection<FindingJustification> justifications,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(justifications);
        return await TransitionAsync(caller, id, etag, AccessAction.Submit, "report.submit", async (db, row, workflow, now) =>
        {
            var stored = await db.FindingJustifications.AsNoTracking()
                .Where(j => j.ReportId == id)
                .ToListAsync(cancellationToken);
            var all = stored.Select(j => new FindingJustification(j.FindingId, j.Text))
                .Where(j => justifications.All(n => n.FindingId != j.FindingId))
                .Concat(justifications)
                .ToList();
            workflow.Submit(caller.Actor, findings, all, now);

            var ids = justifications.Select(j => j.FindingId).ToList();
            await db.FindingJustifications.Where(j => j.ReportId == id && ids.Contains(j.FindingId)).ExecuteDeleteAsync(cancellationToken);
            db.FindingJustifications.AddRange(justifications
                .Where(j => !string.IsNullOrWhiteSpace(j.Text))
                .Select(j => new FindingJustification(j.FindingId, j.Text.Trim()))
                .DistinctBy(j => j.FindingId)
                .Select(j => new FindingJustificationRow
                {
                    ReportId = id,
                    FindingId = j.FindingId,
                    Text = j.Text,
                    AuthorId = caller.Actor.UserId,
                    CreatedAt = now,
                }));
            row.ErrorCount = findings.Count(f => f.Level == FindingLevel.Error);
            row.WarningCount = findings.Count(f => f.Level == FindingLevel.Warning);
            return new { warnings = row.WarningCount, justified = justifications.Count };
        }, cancellationToken);
    }

    public Task<ReportSnapshot> ApproveAsync(Caller caller, long id, string? etag, CancellationToken cancellationToken = default) =>
        TransitionAsync(caller, id, etag, AccessAction.Approve, "report.approve", (_, _, workflow, now) =>
        {
            workflow.Approve(caller.Actor, now);
            return Task.FromResult<object>(new { });
        }, cancellationToken);

    public Task<ReportSnapshot> ReturnAsync(Caller caller, long id, string? etag, string reason,
        IReadOnlyList<string> cellAddresses, IReadOnlyList<string> findingIds, CancellationToken cancellationToken = default) =>
        TransitionAsync(caller, id, etag, AccessAction.Return, "report.return", (_, _, workflow, now) =>
        {
            workflow.Return(caller.Actor, reason, cellAddresses, findingIds, now);
            return Task.FromResult<object>(new { reason, cells = cellAddresses, findings = findingIds });
        }, cancellationToken);

    public Task<ReportSnapshot> ReopenAsync(Caller caller, long id, string? etag, string reason,
        CancellationToken cancellationToken = default) =>
        TransitionAsync(caller, id, etag, AccessAction.Reopen, "report.reopen", (_, _, workflow, now) =>
        {
            workflow.Reopen(caller.Actor, reason, now);
            return Task.FromResult<object>(new { reason });
        }, cancellationToken);

    public async Task<ReportPage> ListAsync(Caller caller, ReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 0 or > MaxPageSize)
        {
            throw new InvalidStoreArgumentException("page_size", $"每页条数应在 1 到 {MaxPageSize} 之间");
        }

        var pageSize = query.PageSize == 0 ? 50 : query.PageSize;
        var actor = caller.Actor;
        var rows = db.Reports.AsNoTracking();

        // Every order reads an index in that order and stops after one page (see ReportRowConfiguration); each of those
        // indexes ends with agency_path, so the subtree is checked on the index entries (LIKE 'prefix%', which SQLite
        // does not use to seek; a path range would make it seek the subtree and then sort all of it). A page thus reads
        // about a page of entries however large the subtree, and at most one index scan for a tiny one.
        static IQueryable<ReportRow> Subtree(IQueryable<ReportRow> source, string prefix) => source.Where(r => r.AgencyPath.StartsWith(prefix));

        // What the caller may read at all: a clerk its own agency, a reviewer its subtree, an admin everything.
        rows = actor.Role switch
        {
            Role.Admin => rows,
            Role.Reviewer => Subtree(rows, actor.AgencyPath.Value),
            _ => rows.Where(r => r.AgencyId == actor.AgencyId),
        };
        if (query.AgencySubtree is { } subtreeId)
        {
            var path = await db.Agencies.AsNoTracking().Where(a => a.Id == subtreeId).Select(a => a.Path)
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new ResourceNotFoundException("agency", $"机关 {subtreeId} 不存在");
            rows = Subtree(rows, path);
        }

        if (query.Year is { } year)
        {
            // A year seeks the (year, …) indexes when they give the order (creation, year, last change within a state);
            // for the other orders "year + 0" keeps SQLite from seeking the year and then sorting all of its reports: the
            // order's index is read instead, with the year checked on its entries like the subtree.
            var seekYear = query.Order is ReportOrder.Created or ReportOrder.Year or ReportOrder.YearDescending
                || (query.Order == ReportOrder.UpdatedDescending && query.State is not null);
            rows = seekYear ? rows.Where(r => r.Year == year) : rows.Where(r => r.Year + 0 == year);
        }

        if (query.State is { } state)
        {
            // As the year: the state seeks only where its index gives the order; otherwise its rank is checked on the
            // entries of the order's index.
            var code = state.ToCode();
            var rank = ReportRowConfiguration.StateRank(state);
            var seekState = query.Order == ReportOrder.Created || (query.Order == ReportOrder.UpdatedDescending && query.Year is not null);
            rows = seekState ? rows.Where(r => r.State == code)
                : query.Order == ReportOrder.State ? rows.Where(r => r.StateRank == rank)
                : rows.Where(r => r.StateRank + 0 == rank);
        }

        if (query.HasErrors is { } hasErrors)
        {
            rows = hasErrors ? rows.Where(r => r.ErrorCount > 0) : rows.Where(r => r.ErrorCount == 0);
        }

        var fingerprint = PageTokens.Fingerprint(actor.UserId, query.AgencySubtree, query.Year, query.State, query.HasErrors, query.Order);
        var after = ReportListKey.Decode(query.PageToken, fingerprint);
        var total = await rows.CountAsync(cancellationToken);

        // Keyset paging in every order: the page starts strictly after the last key of the one before, and each order
        // is read from an index in its own order (see the index comments in ReportRowConfiguration), stopping after one
        // page. One row more than a page tells whether there is a next page.
        var slice = await Summaries(Ordered(rows, query.Order, after)).Take(pageSize + 1).ToListAsync(cancellationToken);
        var items = slice.Take(pageSize).ToList();
        var next = slice.Count > pageSize ? KeyOf(items[^1]).Encode(fingerprint) : null;
        return new ReportPage([.. items.Select(ToSummary)], next) { TotalSize = total };
    }

    // Each order with its keyset condition "after the key k". The leading column's bound (<= or >=) is a separate
    // conjunct so that the index range starts at the key instead of at the first row.
    private static IQueryable<ReportRow> Ordered(IQueryable<ReportRow> rows, ReportOrder order, ReportListKey? k) => order switch
    {
        ReportOrder.Created => (k is null ? rows : rows.Where(r => r.Id > k.Id)).OrderBy(r => r.Id),
        ReportOrder.UpdatedDescending => (k is null ? rows : rows.Where(r => r.UpdatedTicks <= k.UpdatedTicks
                && (r.UpdatedTicks < k.UpdatedTicks || r.Id < k.Id)))
            .OrderByDescending(r => r.UpdatedTicks).ThenByDescending(r => r.Id),
        ReportOrder.Agency => (k is null ? rows : rows.Where(r => string.Compare(r.AgencyName, k.AgencyName) >= 0
                && (string.Compare(r.AgencyName, k.AgencyName) > 0 || r.AgencyId > k.AgencyId || (r.AgencyId == k.AgencyId && r.Year < k.Year))))
            .OrderBy(r => r.AgencyName).ThenBy(r => r.AgencyId).ThenByDescending(r => r.Year),
        ReportOrder.Year => (k is null ? rows : rows.Where(r => r.Year >= k.Year && (r.Year > k.Year || r.Id > k.Id)))
            .OrderBy(r => r.Year).ThenBy(r => r.Id),
        ReportOrder.YearDescending => (k is null ? rows : rows.Where(r => r.Year <= k.Year && (r.Year < k.Year || r.Id < k.Id)))
            .OrderByDescending(r => r.Year).ThenByDescending(r => r.Id),
        ReportOrder.State => (k is null ? rows : rows.Where(r => r.StateRank >= k.StateRank
                && (r.StateRank > k.StateRank || r.UpdatedTicks < k.UpdatedTicks || (r.UpdatedTicks == k.UpdatedTicks && r.Id < k.Id))))
            .OrderBy(r => r.StateRank).ThenByDescending(r => r.UpdatedTicks).ThenByDescending(r => r.Id),
        ReportOrder.ErrorsDescending => (k is null ? rows : rows.Where(r => r.ErrorCount <= k.ErrorCount
                && (r.ErrorCount < k.ErrorCount || r.WarningCount < k.WarningCount || (r.WarningCount == k.WarningCount && r.Id < k.Id))))
            .OrderByDescending(r => r.ErrorCount).ThenByDescending(r => r.WarningCount).ThenByDescending(r => r.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(order), order, null),
    };

    // The list projection: report-level columns only, never cells or parts.
    private static IQueryable<SummaryRow> Summaries(IQueryable<ReportRow> rows) =>
        rows.Select(r => new SummaryRow(r.Id, r.AgencyId, r.AgencyPath, r.Year, r.Template, r.State, r.Etag, r.Revision, r.ErrorCount,
            r.WarningCount, r.UpdatedAt, r.CreatedAt, r.UpdatedTicks, r.StateRank, r.Editors, r.SubmittedBy, r.ApprovedBy,
            r.ApproverAgencyPath, r.AgencyName));

    private static ReportListKey KeyOf(SummaryRow r) =>
        new(r.Id, r.AgencyId, r.AgencyName, r.Year, r.UpdatedTicks, r.StateRank, r.ErrorCount, r.WarningCount);

    private static ReportSummary ToSummary(SummaryRow r)
    {
        var state = WorkflowNames.ParseCode(r.State);
        return new(r.Id, r.AgencyId, r.AgencyPath, r.Year, r.Template, state, r.Etag, r.Revision, r.ErrorCount, r.WarningCount, r.UpdatedAt)
        {
            CreatedAt = r.CreatedAt,
            Workflow = ReportWorkflow.Restore(state, ParseIds(r.Editors), r.SubmittedBy, r.ApprovedBy,
                r.ApproverAgencyPath is null ? null : AgencyPath.Parse(r.ApproverAgencyPath)),
        };
    }

    /// <summary>The id of the report of <paramref name="agencyId"/> for <paramref name="year"/>, or null (no access check: ids are not secret).</summary>
    public async Task<long?> FindIdAsync(long agencyId, int year, CancellationToken cancellationToken = default)
    {
        var ids = await db.Reports.AsNoTracking().Where(r => r.AgencyId == agencyId && r.Year == year).Select(r => r.Id)
            .ToListAsync(cancellationToken);
        return ids.Count == 0 ? null : ids[0];
    }

    public async Task<IReadOnlyList<RevisionInfo>> ListRevisionsAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        var rows = await db.ReportRevisions.AsNoTracking()
            .Where(r => r.ReportId == id)
            .OrderBy(r => r.Number)
            .Select(r => new { r.Number, r.ActorId, r.Action, r.State, r.CreatedAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new RevisionInfo(r.Number, r.ActorId, r.Action, WorkflowNames.ParseCode(r.State), r.CreatedAt))];
    }

    public async Task<ReportContent> GetRevisionAsync(Caller caller, long id, int number, CancellationToken cancellationToken = default)
    {
        await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        return await LoadRevisionAsync(id, number, cancellationToken);
    }

    /// <summary>Cell-level and part-level differences between two revisions of one report.</summary>
    public async Task<RevisionDiff> CompareRevisionsAsync(Caller caller, long id, int from, int to,
        CancellationToken cancellationToken = default)
    {
        await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        var before = await LoadRevisionAsync(id, from, cancellationToken);
        var after = await LoadRevisionAsync(id, to, cancellationToken);
        return RevisionDiffer.Compare(from, to, before, after);
    }

    /// <summary>The workflow history: every transition with who, when and why.</summary>
    public async Task<IReadOnlyList<WorkflowEvent>> ListEventsAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        var rows = await db.ReportEvents.AsNoTracking().Where(e => e.ReportId == id).OrderBy(e => e.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(e => new WorkflowEvent(Enum.Parse<WorkflowTransition>(e.Transition), WorkflowNames.ParseCode(e.FromState),
            WorkflowNames.ParseCode(e.ToState), e.ActorId, e.At, e.Reason, SplitLines(e.CellAddresses), SplitLines(e.FindingIds)))];
    }

    public async Task<IReadOnlyList<FindingJustification>> ListJustificationsAsync(Caller caller, long id,
        CancellationToken cancellationToken = default)
    {
        await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        var rows = await db.FindingJustifications.AsNoTracking().Where(j => j.ReportId == id).OrderBy(j => j.FindingId)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(j => new FindingJustification(j.FindingId, j.Text))];
    }

    /// <summary>Adds a comment on the report, on one cell or on one finding; <paramref name="parentId"/> makes it a reply.</summary>
    public async Task<Comment> AddCommentAsync(Caller caller, long id, long? parentId, string? cellAddress, string? findingId,
        string text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new InvalidStoreArgumentException("text", "评论内容不能为空");
        }

        return await WriteAsync((store, ct) => store.AddCommentCoreAsync(caller, id, parentId, cellAddress, findingId, text, ct),
            cancellationToken);
    }

    private async Task<Comment> AddCommentCoreAsync(Caller caller, long id, long? parentId, string? cellAddress, string? findingId,
        string text, CancellationToken cancellationToken)
    {
        await LoadAsync(caller, id, AccessAction.Comment, cancellationToken);
        if (parentId is { } parent && !await db.Comments.AnyAsync(c => c.Id == parent && c.ReportId == id, cancellationToken))
        {
            throw new ResourceNotFoundException("comment", $"要回复的评论 {parent} 不存在");
        }

        var row = new CommentRow
        {
            ReportId = id,
            ParentId = parentId,
            CellAddress = string.IsNullOrWhiteSpace(cellAddress) ? null : cellAddress.Trim(),
            FindingId = string.IsNullOrWhiteSpace(findingId) ? null : findingId.Trim(),
            AuthorId = caller.Actor.UserId,
            Text = text.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Comments.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(AuditLog.Record(caller, "report.comment", Target(id),
            Json.Serialize(new { commentId = row.Id, parentId, cell = row.CellAddress, finding = row.FindingId })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return ToComment(row);
    }

    public async Task<IReadOnlyList<Comment>> ListCommentsAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        await LoadAsync(caller, id, AccessAction.Read, cancellationToken);
        var rows = await db.Comments.AsNoTracking().Where(c => c.ReportId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(ToComment)];
    }

    /// <summary>
    /// Sums every table 三 (applications.*) cell over the reports of <paramref name="agencyId"/>'s subtree for
    /// one year (optionally one state): SUM over the maintained applications_rollup rows of that agency, kept
    /// in integer units of 1/10 000 so the sums are exact on SQLite and PostgreSQL. Blank cells count as 0.
    /// </summary>
    public async Task<RollUp> RollUpApplicationsAsync(Caller caller, long agencyId, int year, ReportState? state = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Actor.Role == Role.Clerk)
        {
            // A clerk reads its own agency only, not the subtree the maintained sums cover.
            return await RollUpApplicationsExactAsync(caller, agencyId, year, state, cancellationToken);
        }

        var path = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Path).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("agency", $"机关 {agencyId} 不存在");
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Read, AgencyPath.Parse(path));
        return await ApplicationsRollup.ReadAsync(db, agencyId, year, state?.ToCode(), cancellationToken);
    }

    /// <summary>
    /// The same roll-up computed from scratch: one SQL aggregate (SUM of the integer value_scaled) over the
    /// report_cells of every matching report. Slower (it reads every cell) but independent of the maintained sums.
    /// </summary>
    public async Task<RollUp> RollUpApplicationsExactAsync(Caller caller, long agencyId, int year, ReportState? state = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var path = await db.Agencies.AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Path).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ResourceNotFoundException("agency", $"机关 {agencyId} 不存在");
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Read, AgencyPath.Parse(path));

        var reports = db.Reports.AsNoTracking().Where(r => r.Year == year).Where(PathRange.Within<ReportRow>(r => r.AgencyPath, path));
        if (caller.Actor.Role == Role.Clerk)
        {
            // A clerk may read its own agency only, not the agencies below it.
            reports = reports.Where(r => r.AgencyId == caller.Actor.AgencyId);
        }

        if (state is { } s)
        {
            var code = s.ToCode();
            reports = reports.Where(r => r.State == code);
        }

        var count = await reports.CountAsync(cancellationToken);
        var sums = await (
                from c in db.ReportCells.AsNoTracking()
                join r in reports on c.ReportId equals r.Id
                group c by c.Address into g
                select new { Address = g.Key, Sum = g.Sum(x => x.ValueScaled ?? 0) })
            .ToListAsync(cancellationToken);
        var result = ApplicationsRollup.Columns.ToDictionary(c => c.Address, _ => 0m, StringComparer.Ordinal);
        // No address filter in SQL: it would steer SQLite to scan the address index over every report's cells
        // instead of seeking each matching report's cells by primary key; other tables' cells are dropped here.
        foreach (var sum in sums.Where(s => ApplicationsRollup.IsApplicationsCell(s.Address)))
        {
            result[sum.Address] = sum.Sum / Scale;
        }

        return new RollUp(count, result);
    }

    /// <summary>
    /// Recomputes applications_rollup from report_cells (after a restore, a bulk load or a schema upgrade).
    /// Admin only; runs in one transaction, so readers see either the old or the new sums.
    /// </summary>
    public async Task<int> RebuildApplicationsRollupAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageAgencies, null);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.ApplicationsRollup.ExecuteDeleteAsync(cancellationToken);
        var reports = await db.Reports.AsNoTracking()
            .Select(r => new { r.Id, r.AgencyPath, r.Year, r.State })
            .ToListAsync(cancellationToken);
        var cells = await db.ReportCells.AsNoTracking()
            .Where(c => c.ValueScaled != null && c.ValueScaled != 0 && EF.Functions.Like(c.Address, "applications.%"))
            .Select(c => new { c.ReportId, c.Address, c.ValueScaled })
            .ToListAsync(cancellationToken);
        var byReport = cells.GroupBy(c => c.ReportId).ToDictionary(g => g.Key, g => g.ToList());

        // Sum in memory per (agency, year, state) over every ancestor, then write each bucket once.
        var buckets = new Dictionary<(long Agency, int Year, string State), (int Count, Dictionary<string, long> Sums)>();
        foreach (var report in reports)
        {
            foreach (var agencyId in AgencyPath.Parse(report.AgencyPath).Value.Split('/', StringSplitOptions.RemoveEmptyEntries)
                         .Select(s => long.Parse(s, CultureInfo.InvariantCulture)))
            {
                var key = (agencyId, report.Year, report.State);
                if (!buckets.TryGetValue(key, out var bucket))
                {
                    bucket = (0, new Dictionary<string, long>(StringComparer.Ordinal));
                }

                foreach (var cell in byReport.GetValueOrDefault(report.Id) ?? [])
                {
                    bucket.Sums[cell.Address] = bucket.Sums.GetValueOrDefault(cell.Address) + cell.ValueScaled!.Value;
                }

                buckets[key] = (bucket.Count + 1, bucket.Sums);
            }
        }

        foreach (var ((agencyId, year, state), bucket) in buckets)
        {
            await ApplicationsRollup.ApplyAsync(db, AgencyPath.Root(agencyId), year, state, bucket.Sums, bucket.Count, cancellationToken);
        }

        await audit.AppendAsync(AuditLog.Record(caller, "rollup.rebuild", "applications_rollup",
            Json.Serialize(new { reports = reports.Count, buckets = buckets.Count })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return buckets.Count;
    }

    private Task<ReportSnapshot> TransitionAsync(Caller caller, long id, string? etag, AccessAction action, string auditAction,
        Func<GovReportDbContext, ReportRow, ReportWorkflow, DateTimeOffset, Task<object>> apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return WriteAsync((store, ct) => store.TransitionCoreAsync(caller, id, etag, action, auditAction, apply, ct), cancellationToken);
    }

    private async Task<ReportSnapshot> TransitionCoreAsync(Caller caller, long id, string? etag, AccessAction action, string auditAction,
        Func<GovReportDbContext, ReportRow, ReportWorkflow, DateTimeOffset, Task<object>> apply, CancellationToken cancellationToken)
    {
        var row = await LoadAsync(caller, id, action, cancellationToken);
        var expected = etag ?? row.Etag;
        RequireEtag(row, expected);
        var workflow = Restore(row);
        var now = clock.GetUtcNow();
        var details = await apply(db, row, workflow, now);

        var newEtag = Etags.New();
        var state = workflow.State.ToCode();
        var editors = FormatIds(workflow.Editors);
        var approver = workflow.ApproverAgency?.Value;
        var updated = await db.Reports
            .Where(r => r.Id == id && r.Etag == expected)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Etag, newEtag)
                .SetProperty(r => r.State, state)
                .SetProperty(r => r.Editors, editors)
                .SetProperty(r => r.SubmittedBy, workflow.SubmittedBy)
                .SetProperty(r => r.ApprovedBy, workflow.ApprovedBy)
                .SetProperty(r => r.ApproverAgencyPath, approver)
                .SetProperty(r => r.ErrorCount, row.ErrorCount)
                .SetProperty(r => r.WarningCount, row.WarningCount)
                .SetProperty(r => r.UpdatedAt, now)
                .SetProperty(r => r.UpdatedTicks, now.UtcTicks), cancellationToken);
        if (updated != 1)
        {
            throw await ConflictAsync(id, expected, cancellationToken);
        }

        if (state != row.State)
        {
            // The report's sums move from the old state's bucket to the new one's.
            var vector = await ApplicationsRollup.LoadVectorAsync(db, id, cancellationToken);
            var path = AgencyPath.Parse(row.AgencyPath);
            await ApplicationsRollup.ApplyAsync(db, path, row.Year, row.State, ApplicationsRollup.Negate(vector), -1, cancellationToken);
            await ApplicationsRollup.ApplyAsync(db, path, row.Year, state, vector, 1, cancellationToken);
        }

        foreach (var e in workflow.PendingEvents)
        {
            db.ReportEvents.Add(new ReportEventRow
            {
                ReportId = id,
                Transition = e.Transition.ToString(),
                FromState = e.From.ToCode(),
                ToState = e.To.ToCode(),
                ActorId = e.ActorId,
                Reason = e.Reason,
                CellAddresses = string.Join('\n', e.CellAddresses),
                FindingIds = string.Join('\n', e.FindingIds),
                At = e.At,
            });
        }

        await audit.AppendAsync(AuditLog.Record(caller, auditAction, Target(id),
            Json.Serialize(new { from = row.State, to = state, previousEtag = expected, etag = newEtag, details })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);

        row.Etag = newEtag;
        row.State = state;
        row.Editors = editors;
        row.SubmittedBy = workflow.SubmittedBy;
        row.ApprovedBy = workflow.ApprovedBy;
        row.ApproverAgencyPath = approver;
        row.UpdatedAt = now;
        return Snapshot(row, await LoadContentAsync(row, cancellationToken), workflow);
    }

    /// <summary>
    /// Runs a write: in the group-commit writer's next batch when there is one (SQLite in the server), else in a
    /// transaction of its own; a store whose context is already in a transaction (the writer's own store, inside
    /// a batch) joins it. <paramref name="core"/> works on the store it is given, never on this one's context.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<ReportStore, CancellationToken, Task<T>> core, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await core(this, cancellationToken);
        }

        if (writer is not null)
        {
            return await writer.RunAsync(core, cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await core(this, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return result;
    }

    private async Task<ReportRow> LoadAsync(Caller caller, long id, AccessAction action, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var row = await db.Reports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("report", $"报告 {id} 不存在");
        AccessDeniedException.ThrowIfDenied(caller.Actor, action, AgencyPath.Parse(row.AgencyPath));
        return row;
    }

    private static void RequireEtag(ReportRow row, string etag)
    {
        if (!string.Equals(row.Etag, etag, StringComparison.Ordinal))
        {
            throw new ConcurrencyConflictException(row.Id, etag, row.Etag);
        }
    }

    private async Task<Exception> ConflictAsync(long id, string etag, CancellationToken cancellationToken)
    {
        var current = await db.Reports.AsNoTracking().Where(r => r.Id == id).Select(r => r.Etag).SingleOrDefaultAsync(cancellationToken);
        return current is null
            ? new ResourceNotFoundException("report", $"报告 {id} 不存在")
            : new ConcurrencyConflictException(id, etag, current);
    }

    /// <summary>The content of <paramref name="row"/>: from the cache when its etag matches, else loaded (and cached).</summary>
    private async Task<ReportContent> ContentAsync(ReportRow row, CancellationToken cancellationToken)
    {
        if (cache is null)
        {
            return await LoadContentAsync(row, cancellationToken);
        }

        if (cache.TryGet(row.Id, row.Etag, out var cached))
        {
            return cached;
        }

        var content = await LoadContentAsync(row, cancellationToken);

        // Cells and parts were read by separate statements after the row: they belong to the row's etag only if
        // no save committed in between, i.e. if the etag is still the same (a save always replaces it).
        var etag = await db.Reports.AsNoTracking().Where(r => r.Id == row.Id).Select(r => r.Etag).SingleOrDefaultAsync(cancellationToken);
        if (string.Equals(etag, row.Etag, StringComparison.Ordinal))
        {
            cache.Put(row.Id, row.Etag, content);
        }

        return content;
    }

    // Cells as storage lists them (ordinal by address). Content converted by ReportContentMapper already is, which
    // ValidateCells reports, so this sort runs only for content built otherwise.
    private static ReportContent InAddressOrder(ReportContent content) =>
        content with { Cells = [.. content.Cells.OrderBy(c => c.Address, StringComparer.Ordinal)] };

    private async Task<ReportContent> LoadContentAsync(ReportRow row, CancellationToken cancellationToken)
    {
        var cells = await db.ReportCells.AsNoTracking().Where(c => c.ReportId == row.Id).OrderBy(c => c.Address).ToListAsync(cancellationToken);
        var parts = await db.ReportParts.AsNoTracking().Where(p => p.ReportId == row.Id).ToListAsync(cancellationToken);
        return new ReportContent(
            row.Template,
            row.PublicationDate,
            parts.ToDictionary(p => p.Code, p => p.Text, StringComparer.Ordinal),
            [.. cells.Select(c => new StoredCell(c.Address, c.Present, c.Value, c.OriginalText, c.Unit))],
            row.ErrorCount,
            row.WarningCount);
    }

    private async Task<ReportContent> LoadRevisionAsync(long id, int number, CancellationToken cancellationToken)
    {
        // Revision n is rebuilt from the full record at the start of its window plus the deltas after it.
        var first = RevisionRecord.SnapshotBase(number);
        var rows = await db.ReportRevisions.AsNoTracking()
            .Where(r => r.ReportId == id && r.Number >= first && r.Number <= number)
            .OrderBy(r => r.Number)
            .Select(r => new { r.Number, r.SnapshotJson })
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 || rows[^1].Number != number)
        {
            throw new ResourceNotFoundException("revision", $"报告 {id} 没有第 {number} 版");
        }

        return RevisionRecord.Rebuild([.. rows.Select(r => Json.Deserialize<RevisionRecord>(r.SnapshotJson))]);
    }

    private void AddContent(long reportId, List<ReportCellRow> cells, IReadOnlyDictionary<string, string> parts)
    {
        foreach (var cell in cells)
        {
            cell.ReportId = reportId;
        }

        db.ReportCells.AddRange(cells);
        db.ReportParts.AddRange(parts.Select(p => new ReportPartRow { ReportId = reportId, Code = p.Key, Text = p.Value }));
    }

    private void AddRevision(ReportRow row, Caller caller, string action, RevisionRecord record, DateTimeOffset now) =>
        db.ReportRevisions.Add(RevisionRow(row.Id, row.Revision, caller, action, row.State, record, now));

    private static ReportRevisionRow RevisionRow(long id, int number, Caller caller, string action, string state, RevisionRecord record,
        DateTimeOffset now) => new()
        {
            ReportId = id,
            Number = number,
            ActorId = caller.Actor.UserId,
            Action = action,
            State = state,
            SnapshotJson = Json.Serialize(record),
            CreatedAt = now,
        };

    private static List<ReportCellRow> ToCellRows(IReadOnlyList<StoredCell> cells)
    {
        ValidateCells(cells);
        var rows = new List<ReportCellRow>(cells.Count);
        foreach (var cell in cells)
        {
            rows.Add(ToCellRow(cell));
        }

        return rows;
    }

    /// <summary>
    /// Refuses empty, over-long or repeated addresses and values storage cannot hold exactly, without building a row per
    /// cell (a save writes rows only for the cells that changed). True when the cells are in address order (ordinal),
    /// which the check finds out anyway: the diff and the cache then need not look again.
    /// </summary>
    internal static bool ValidateCells(IReadOnlyList<StoredCell> cells)
    {
        // Cells usually arrive sorted by address (ReportContentMapper lists them so): a repeat is then the neighbour,
        // and a set of the addresses is built only for a list out of order.
        HashSet<string>? seen = null;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (string.IsNullOrWhiteSpace(cell.Address) || cell.Address.Length > 200)
            {
                throw new InvalidStoreArgumentException("cells", "单元格地址不能为空，且不超过 200 个字符");
            }

            var order = i == 0 ? 1 : string.CompareOrdinal(cell.Address, cells[i - 1].Address);
            if (seen is null && order < 0)
            {
                seen = new HashSet<string>(cells.Count, StringComparer.Ordinal);
                for (var j = 0; j < i; j++)
                {
                    seen.Add(cells[j].Address);
                }
            }

            if (seen is not null ? !seen.Add(cell.Address) : order == 0)
            {
                throw new InvalidStoreArgumentException("cells", $"单元格 {cell.Address} 重复出现");
            }

            ScaledValue(cell);
        }

        return seen is null;
    }

    internal static ReportCellRow ToCellRow(StoredCell cell) => new()
    {
        Address = cell.Address,
        Present = cell.Present,
        Value = cell.Value,
        ValueScaled = ScaledValue(cell),
        OriginalText = cell.OriginalText,
        Unit = cell.Unit,
    };

    private static long? ScaledValue(StoredCell cell)
    {
        if (cell.Value is not { } value)
        {
            return null;
        }

        var product = value * Scale;
        if (product != decimal.Truncate(product))
        {
            throw new InvalidStoreArgumentException("cells",
                $"单元格 {cell.Address} 的数值 {value.ToString(CultureInfo.InvariantCulture)} 超过 4 位小数，无法精确保存");
        }

        if (Math.Abs(value) >= 10_000_000_000_000_000m)
        {
            throw new InvalidStoreArgumentException("cells", $"单元格 {cell.Address} 的数值过大");
        }

        return (long)product;
    }

    private static ReportWorkflow Restore(ReportRow row) =>
        ReportWorkflow.Restore(
            WorkflowNames.ParseCode(row.State),
            ParseIds(row.Editors),
            row.SubmittedBy,
            row.ApprovedBy,
            row.ApproverAgencyPath is null ? null : AgencyPath.Parse(row.ApproverAgencyPath));

    private static ReportWorkflow Copy(ReportWorkflow workflow) =>
        ReportWorkflow.Restore(workflow.State, workflow.Editors, workflow.SubmittedBy, workflow.ApprovedBy, workflow.ApproverAgency);

    private static ReportSnapshot Snapshot(ReportSummary summary, ReportContent content, ReportWorkflow workflow) =>
        new(summary with { State = workflow.State }, content, workflow);

    private static ReportSnapshot Snapshot(ReportRow row, ReportContent content, ReportWorkflow workflow) =>
        new(new ReportSummary(row.Id, row.AgencyId, row.AgencyPath, row.Year, row.Template, workflow.State, row.Etag,
            row.Revision, row.ErrorCount, row.WarningCount, row.UpdatedAt)
        { CreatedAt = row.CreatedAt }, content, workflow);

    private static Comment ToComment(CommentRow c) =>
        new(c.Id, c.ReportId, c.ParentId, c.CellAddress, c.FindingId, c.AuthorId, c.Text, c.CreatedAt);

    private static string Target(long id) => "reports/" + id.ToString(CultureInfo.InvariantCulture);

    private static string FormatIds(IEnumerable<long> ids) =>
        string.Join(',', ids.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)));

    private static IEnumerable<long> ParseIds(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture));

    private static string[] SplitLines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

internal sealed record SummaryRow(long Id, long AgencyId, string AgencyPath, int Year, string Template, string State, string Etag,
    int Revision, int ErrorCount, int WarningCount, DateTimeOffset UpdatedAt, DateTimeOffset CreatedAt, long UpdatedTicks, int StateRank,
    string Editors, long? SubmittedBy, long? ApprovedBy, string? ApproverAgencyPath, string AgencyName);

/// <summary>One content save, computed before it joins a write batch (see UpdateAsync).</summary>
internal sealed record ReportEdit(ReportSummary Summary, string Etag, string NewEtag, int Revision, string Editors, ReportContent Content,
    ContentDiff Diff, RevisionRecord Record);

public sealed record Comment(long Id, long ReportId, long? ParentId, string? CellAddress, string? FindingId, long AuthorId,
    string Text, DateTimeOffset CreatedAt);
