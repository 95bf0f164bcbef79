using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Validation;
using GovReport.Domain.Workflow;
using GovReport.Grpc;
using GovReport.Services.Identity;
using GovReport.Services.Reports.Internal;
using GovReport.Services.Storage.Internal;
using GovReport.Services.Validation;
using Agency = GovReport.Domain.Agencies.Agency;
using ApiCellChange = GovReport.Api.V1.CellChange;
using ApiComment = GovReport.Api.V1.Comment;
using ApiPartChange = GovReport.Api.V1.PartChange;
using ApiReport = GovReport.Api.V1.Report;
using ApiValidationResult = GovReport.Api.V1.ValidationResult;
using CellValue = GovReport.Domain.Reports.CellValue;
using DomainReport = GovReport.Domain.Reports.Report;
using DomainValidationResult = GovReport.Domain.Validation.ValidationResult;
using ReportBuilder = GovReport.Domain.Reports.ReportBuilder;

namespace GovReport.Services.Reports;

/// <summary>
/// govreport.v1.ReportService: stored reports ("agencies/{agency_id}/reports/{year}"), their workflow,
/// revisions, comments and history. Access is decided by the stores with the domain AccessPolicy; workflow
/// refusals, stale etags and missing resources are mapped by <see cref="Storage.StorageExceptionMapper"/>.
/// </summary>
[GrpcService("govreport.v1.ReportService")]
public sealed class ReportServiceHandler(ReportStore reports, AgencyStore agencies, ReportValidator validator,
    NarrativeFingerprints fingerprints, ReportModelCache models, UserStore users)
{
    private const int DefaultPageSize = 50;

    public async Task<ApiReport> CreateReport(CreateReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var agencyId = ResourceNames.ParseAgency(request.Parent, "parent");
        if (request.Report is null)
        {
            throw RpcErrors.InvalidArgument("REPORT_REQUIRED", "请求中缺少报告内容。", new FieldViolation("report", "必须提供报告"));
        }

        if (request.Report.ReportYear == 0)
        {
            throw RpcErrors.InvalidArgument("YEAR_REQUIRED", "必须指定报告年度（report.report_year）。",
                new FieldViolation("report.report_year", "必须指定报告年度"));
        }

        var agency = await agencies.GetAsync(agencyId, context.CancellationToken);
        var content = ReportContentMapper.FromReport(ReportProtoMapper.FromApi(request.Report, "report"));
        var previous = await PreviousAsync(caller, agency, request.Report.ReportYear, context.CancellationToken);
        var result = await ValidateAsync(agency, ReportMapping.ToDomain(content, request.Report.ReportYear, agency), previous,
            otherAgenciesFor: null, context.CancellationToken);
        content = content with { ErrorCount = result.ErrorCount, WarningCount = result.WarningCount };
        var snapshot = await reports.CreateAsync(caller, agencyId, request.Report.ReportYear, content, context.CancellationToken);
        return ToApiFull(snapshot, agency, caller.Actor);
    }

    public async Task<ApiReport> GetReport(GetReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (snapshot, agency, _) = await LoadAsync(caller, request.Name, "name", context.CancellationToken);
        return ToApiFull(snapshot, agency, caller.Actor);
    }

    public async Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var pageSize = OffsetPageTokens.PageSize(request.PageSize, DefaultPageSize, ReportStore.MaxPageSize);
        var order = ReportListOrder.Parse(request.OrderBy);
        var query = new ReportQuery
        {
            AgencySubtree = ResourceNames.ParseAgencyOrAll(request.Parent, "parent"),
            Year = request.Year == 0 ? null : request.Year,
            State = ReportMapping.FromApi(request.State),
            HasErrors = request.HasErrors ? true : null,
            PageSize = pageSize,
            PageToken = string.IsNullOrEmpty(request.PageToken) ? null : request.PageToken,
            Order = order,
        };
        var page = await reports.ListAsync(caller, query, context.CancellationToken);
        var response = new ListReportsResponse { NextPageToken = page.NextPageToken ?? string.Empty, TotalSize = page.TotalSize };
        // Every agency of the page in one query.
        var pageAgencies = await agencies.GetManyAsync(page.Items.Select(i => i.AgencyId), context.CancellationToken);
        foreach (var item in page.Items)
        {
            if (!pageAgencies.TryGetValue(item.AgencyId, out var agency))
            {
                throw new ResourceNotFoundException("agency", $"机关 {item.AgencyId} 不存在");
            }

            if (request.View == ReportView.Full)
            {
                var snapshot = await reports.GetAsync(caller, item.Id, context.CancellationToken);
                response.Reports.Add(ReportMapping.ToApiFull(snapshot, agency, caller.Actor));
            }
            else
            {
                response.Reports.Add(ReportMapping.ToApiBasic(item, agency, caller.Actor));
            }
        }

        return response;
    }

    public async Task<ApiReport> UpdateReport(UpdateReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        if (request.Report is null)
        {
            throw RpcErrors.InvalidArgument("REPORT_REQUIRED", "请求中缺少报告内容。", new FieldViolation("report", "必须提供报告"));
        }

        if (string.IsNullOrEmpty(request.Report.Etag))
        {
            throw RpcErrors.InvalidArgument("ETAG_REQUIRED", "修改报告必须提供读取时得到的版本标记（report.etag），以免覆盖他人的修改。",
                new FieldViolation("report.etag", "必须提供"));
        }

        var mask = ReportUpdateMask.Parse(request.UpdateMask);
        if (request.View is not (ReportView.Unspecified or ReportView.Basic or ReportView.Full))
        {
            throw RpcErrors.InvalidArgument("INVALID_VIEW", $"未知的 view 值 {(int)request.View}，应为 REPORT_VIEW_BASIC 或 REPORT_VIEW_FULL。",
                new FieldViolation("view", $"未知的值 {(int)request.View}"));
        }

        if (mask.Contains("cells") || mask.CellAddresses.Count > 0)
        {
            ReportProtoMapper.CheckCellSizes(request.Report.Cells, "report.cells");
        }

        var (current, agency, previous) = await LoadAsync(caller, request.Report.Name, "report.name", context.CancellationToken);
        if (!string.Equals(current.Summary.Etag, request.Report.Etag, StringComparison.Ordinal))
        {
            // Stale before any work: no merge, no validation.
            throw new ConcurrencyConflictException(current.Summary.Id, request.Report.Etag, current.Summary.Etag);
        }

        // The stored report (cached: usually the previous save's result) with the masked fields taken from the request.
        var stored = models.Get(current, agency);
        var report = mask.ChangesOnlyCellsAndDate ? MergeCellsAndDate(stored.Report, request.Report, mask) : Merge(stored, request.Report, mask);
        var etag = request.Report.Etag;

        // The parsed request (a whole report can be ~400 cell messages and the narrative) is not read again: dropping it
        // lets the next young-generation collection reclaim it instead of promoting it while the save awaits its commit.
        request.Report = null;
        var result = await ValidateAsync(agency, report, previous, otherAgenciesFor: null, context.CancellationToken);
        var content = ReportContentMapper.FromReport(report, result.ErrorCount, result.WarningCount, basis: current.Content);
        var snapshot = await reports.UpdateAsync(caller, current, etag, content, context.CancellationToken);
        if (mask.ChangesOnlyCellsAndDate)
        {
            // Everything but cells and date is the stored report's, so this report is what the stored content reads
            // back as: the next save and this response start from it instead of converting the content again.
            models.Put(snapshot, agency, report, basis: stored);
        }

        return request.View == ReportView.Basic
            ? ReportMapping.ToApiBasic(snapshot.Summary with { Workflow = snapshot.Workflow }, agency, caller.Actor)
            : ToApiFull(snapshot, agency, caller.Actor);
    }

    // A save of cells and/or the publication date: the stored domain report with those replaced, nothing else converted.
    private static DomainReport MergeCellsAndDate(DomainReport stored, ApiReport source, ReportUpdateMask mask)
    {
        var violations = new List<FieldViolation>();
        var builder = stored.ToBuilder();
        if (mask.Contains("publication_date"))
        {
            builder.PublicationDate = ReportProtoMapper.ReadPublicationDate(source.PublicationDate, "report.publication_date", violations);
        }

        if (mask.Contains("cells"))
        {
            builder.ClearCells();
            ReportProtoMapper.ReadCells(source.Cells, builder, "report", violations);
        }

        SetMaskedCells(builder, source, mask, violations);
        ReportProtoMapper.ThrowIfInvalid(violations);
        return builder.BuildOnce();
    }

    // Any other save: the stored report's message with the masked fields from the request, read as a whole, then the
    // masked single cells.
    private static DomainReport Merge(ReportModel stored, ApiReport source, ReportUpdateMask mask)
    {
        var message = stored.Message;
        var merged = new ApiReport
        {
            ReportYear = message.ReportYear,
            AgencyDisplayName = message.AgencyDisplayName,
            AgencyKind = message.AgencyKind,
            Template = mask.Contains("template") ? source.Template : message.Template,
            PublicationDate = mask.Contains("publication_date") ? source.PublicationDate : message.PublicationDate,
        };

        // Repeated fields share their elements; neither message is changed.
        merged.Parts.Add(mask.Contains("parts") ? source.Parts : message.Parts);
        merged.ExtraParts.Add(mask.Contains("extra_parts") ? source.ExtraParts : message.ExtraParts);
        merged.Cells.Add(mask.Contains("cells") ? source.Cells : message.Cells);
        merged.ExtraTables.Add(mask.Contains("extra_tables") ? source.ExtraTables : message.ExtraTables);

        // agency_display_name and agency_kind belong to the agency (AgencyService); a report keeps its agency's.
        var report = ReportProtoMapper.FromApi(merged, "report");
        if (mask.CellAddresses.Count == 0)
        {
            return report;
        }

        var violations = new List<FieldViolation>();
        var builder = report.ToBuilder();
        SetMaskedCells(builder, source, mask, violations);
        ReportProtoMapper.ThrowIfInvalid(violations);
        return builder.BuildOnce();
    }

    // Each "cells.`ADDRESS`" of the mask: the request's cell with that address, or blank when the request has none.
    private static void SetMaskedCells(ReportBuilder builder, ApiReport source, ReportUpdateMask mask, List<FieldViolation> violations)
    {
        if (mask.CellAddresses.Count == 0)
        {
            return;
        }

        var template = builder.Template;
        var cells = source.Cells;

        // A save usually sends a few cells: those are found by a scan; many are indexed once.
        var byAddress = cells.Count > 16 ? new Dictionary<string, int>(cells.Count, StringComparer.Ordinal) : null;
        for (var i = 0; i < cells.Count; i++)
        {
            if (byAddress is not null ? !byAddress.TryAdd(cells[i].Address, i) : IndexOf(cells, cells[i].Address, i) >= 0)
            {
                violations.Add(new FieldViolation($"report.cells[{i}].address", $"单元格“{cells[i].Address}”重复出现"));
            }
        }

        foreach (var address in mask.CellAddresses)
        {
            if (!template.TryGetCell(address, out var id))
            {
                violations.Add(new FieldViolation("update_mask.paths", $"模板 {template.Name} 中没有单元格“{address}”"));
                continue;
            }

            var index = byAddress is not null ? byAddress.GetValueOrDefault(address, -1) : IndexOf(cells, address, cells.Count);
            if (index < 0)
            {
                builder[id] = CellValue.Blank();
            }
            else if (ReportProtoMapper.ReadCell(cells[index], $"report.cells[{index}]", violations) is { } value)
            {
                builder[id] = value;
            }
        }
    }

    // The first of cells[0..end) with this address, or -1.
    private static int IndexOf(IList<Cell> cells, string address, int end)
    {
        for (var i = 0; i < end; i++)
        {
            if (string.Equals(cells[i].Address, address, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public async Task<Empty> DeleteReport(DeleteReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var id = await FindIdAsync(request.Name, "name", context.CancellationToken);
        await reports.DeleteAsync(caller, id, Etag(request.Etag), context.CancellationToken);
        return new Empty();
    }

    public async Task<ApiReport> SubmitReport(SubmitReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (current, agency, previous) = await LoadAsync(caller, request.Name, "name", context.CancellationToken);
        var result = await ValidateAsync(agency, models.Get(current, agency).Report, previous, otherAgenciesFor: caller.Actor, context.CancellationToken);
        var justifications = request.Justifications
            .Select(j => new FindingJustification(j.FindingKey, j.Text))
            .ToList();
        var snapshot = await reports.SubmitAsync(caller, current.Summary.Id, Etag(request.Etag) ?? current.Summary.Etag,
            ReportMapping.ToSubmission(result), justifications, context.CancellationToken);
        return ToApiFull(snapshot, agency, caller.Actor);
    }

    public async Task<ApiReport> ApproveReport(ApproveReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (id, agency) = await FindAsync(request.Name, "name", context.CancellationToken);
        var snapshot = await reports.ApproveAsync(caller, id, Etag(request.Etag), context.CancellationToken);
        return ToApiFull(snapshot, agency, caller.Actor);
    }

    public async Task<ApiReport> ReturnReport(ReturnReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (id, agency) = await FindAsync(request.Name, "name", context.CancellationToken);
        var snapshot = await reports.ReturnAsync(caller, id, Etag(request.Etag), request.Reason,
            [.. request.CellAddresses], [.. request.FindingKeys], context.CancellationToken);
        return ToApiFull(snapshot, agency, caller.Actor);
    }

    public async Task<ApiReport> ReopenReport(ReopenReportRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (id, agency) = await FindAsync(request.Name, "name", context.CancellationToken);
        var snapshot = await reports.ReopenAsync(caller, id, Etag(request.Etag), request.Reason, context.CancellationToken);
        return ToApiFull(snapshot, agency, caller.Actor);
    }

    public async Task<ListReportRevisionsResponse> ListReportRevisions(ListReportRevisionsRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var id = await FindIdAsync(request.Name, "name", context.CancellationToken);
        var revisions = await reports.ListRevisionsAsync(caller, id, context.CancellationToken);
        var response = new ListReportRevisionsResponse();
        response.Revisions.AddRange(revisions.Select(r => new ReportRevision
        {
            Number = r.Number,
            CreateTime = ReportMapping.Time(r.CreatedAt),
            Author = ResourceNames.User(r.ActorId),
            Action = r.Action,
        }));
        return response;
    }

    public async Task<CompareReportRevisionsResponse> CompareReportRevisions(CompareReportRevisionsRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (current, _, _) = await LoadAsync(caller, request.Name, "name", context.CancellationToken);
        if (request.FromRevision < 1 || request.ToRevision < 1)
        {
            throw RpcErrors.InvalidArgument("INVALID_REVISION", "修订号应从 1 开始（from_revision、to_revision）。",
                new FieldViolation(request.FromRevision < 1 ? "from_revision" : "to_revision", "修订号应从 1 开始"));
        }

        var diff = await reports.CompareRevisionsAsync(caller, current.Summary.Id, request.FromRevision, request.ToRevision,
            context.CancellationToken);
        var template = ReportContentMapper.ParseTemplate(current.Content.Template);
        var response = new CompareReportRevisionsResponse();
        foreach (var change in diff.Cells)
        {
            response.CellChanges.Add(new ApiCellChange
            {
                Address = change.Address,
                Label = template.TryGetCell(change.Address, out var cellId) ? template.GetCell(cellId).Label : string.Empty,
                Before = CellText(change.Before),
                After = CellText(change.After),
            });
        }

        response.PartChanges.AddRange(diff.Parts.Select(p => new ApiPartChange
        {
            Code = p.Code,
            Before = p.Before ?? string.Empty,
            After = p.After ?? string.Empty,
        }));
        return response;
    }

    public async Task<ListReportEventsResponse> ListReportEvents(ListReportEventsRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var id = await FindIdAsync(request.Name, "name", context.CancellationToken);
        var events = new List<(DateTimeOffset At, int Order, ReportEvent Event)>();
        // Content saves come from the revisions, workflow steps from the event log, comments from the comments.
        foreach (var revision in await reports.ListRevisionsAsync(caller, id, context.CancellationToken))
        {
            var state = ReportMapping.ToApi(revision.State);
            events.Add((revision.CreatedAt, 0, new ReportEvent
            {
                Time = ReportMapping.Time(revision.CreatedAt),
                Actor = ResourceNames.User(revision.ActorId),
                Action = revision.Action == "create" ? "created" : "updated",
                FromState = revision.Action == "create" ? ApiReport.Types.State.Unspecified : state,
                ToState = state,
            }));
        }

        foreach (var step in await reports.ListEventsAsync(caller, id, context.CancellationToken))
        {
            if (step.Transition == WorkflowTransition.Edit)
            {
                continue;
            }

            var item = new ReportEvent
            {
                Time = ReportMapping.Time(step.At),
                Actor = ResourceNames.User(step.ActorId),
                Action = step.Transition switch
                {
                    WorkflowTransition.Submit => "submitted",
                    WorkflowTransition.Approve => "approved",
                    WorkflowTransition.Return => "returned",
                    WorkflowTransition.Reopen => "reopened",
                    WorkflowTransition.Delete => "deleted",
                    _ => step.Transition.ToString().ToLowerInvariant(),
                },
                FromState = ReportMapping.ToApi(step.From),
                ToState = ReportMapping.ToApi(step.To),
                Reason = step.Reason ?? string.Empty,
            };
            item.CellAddresses.AddRange(step.CellAddresses);
            item.FindingKeys.AddRange(step.FindingIds);
            events.Add((step.At, 1, item));
        }

        foreach (var comment in await reports.ListCommentsAsync(caller, id, context.CancellationToken))
        {
            // What the comment is on, in the fields a return uses for the cells and findings it names.
            var item = new ReportEvent
            {
                Time = ReportMapping.Time(comment.CreatedAt),
                Actor = ResourceNames.User(comment.AuthorId),
                Action = "commented",
                Reason = comment.Text,
            };
            if (!string.IsNullOrEmpty(comment.CellAddress))
            {
                item.CellAddresses.Add(comment.CellAddress);
            }

            if (!string.IsNullOrEmpty(comment.FindingId))
            {
                item.FindingKeys.Add(comment.FindingId);
            }

            events.Add((comment.CreatedAt, 2, item));
        }

        var names = await users.GetDisplayNamesAsync(events.Select(e => ActorId(e.Event)), context.CancellationToken);
        foreach (var (_, _, item) in events)
        {
            item.ActorDisplayName = names.GetValueOrDefault(ActorId(item), string.Empty);
        }

        var response = new ListReportEventsResponse();
        response.Events.AddRange(events.OrderBy(e => e.At).ThenBy(e => e.Order).Select(e => e.Event));
        return response;
    }

    public async Task<ApiComment> CreateComment(CreateCommentRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        if (request.Comment is null || string.IsNullOrWhiteSpace(request.Comment.Text))
        {
            throw RpcErrors.InvalidArgument("COMMENT_TEXT_REQUIRED", "评论内容不能为空。", new FieldViolation("comment.text", "必须提供"));
        }

        var id = await FindIdAsync(request.Parent, "parent", context.CancellationToken);
        long? replyTo = string.IsNullOrEmpty(request.Comment.ReplyTo)
            ? null
            : ResourceNames.ParseCommentId(request.Comment.ReplyTo, "comment.reply_to");
        var comment = await reports.AddCommentAsync(caller, id, replyTo, request.Comment.CellAddress, request.Comment.FindingKey,
            request.Comment.Text, context.CancellationToken);
        var names = await users.GetDisplayNamesAsync([comment.AuthorId], context.CancellationToken);
        return ToApi(request.Parent, comment, names);
    }

    public async Task<ListCommentsResponse> ListComments(ListCommentsRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var id = await FindIdAsync(request.Parent, "parent", context.CancellationToken);
        var response = new ListCommentsResponse();
        var comments = await reports.ListCommentsAsync(caller, id, context.CancellationToken);
        var names = await users.GetDisplayNamesAsync(comments.Select(c => c.AuthorId), context.CancellationToken);
        response.Comments.AddRange(comments.Select(c => ToApi(request.Parent, c, names)));
        return response;
    }

    public async Task<ApiValidationResult> GetReportValidation(GetReportValidationRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (current, agency, previous) = await LoadAsync(caller, request.Name, "name", context.CancellationToken);
        var result = await ValidateAsync(agency, models.Get(current, agency).Report, previous, otherAgenciesFor: caller.Actor, context.CancellationToken);
        return ReportProtoMapper.ToApi(result);
    }

    public async Task<RollUpApplicationsResponse> RollUpApplications(RollUpApplicationsRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var agencyId = ResourceNames.ParseAgency(request.Parent, "parent");
        if (request.Year <= 0)
        {
            throw RpcErrors.InvalidArgument("YEAR_REQUIRED", "必须指定报告年度（year）。", new FieldViolation("year", "必须指定报告年度"));
        }

        var rollUp = await reports.RollUpApplicationsAsync(caller, agencyId, request.Year, ReportMapping.FromApi(request.State),
            context.CancellationToken);
        var response = new RollUpApplicationsResponse { ReportCount = rollUp.ReportCount };
        response.Cells.AddRange(rollUp.Sums.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new Cell
        {
            Address = s.Key,
            Present = true,
            Value = ReportProtoMapper.FormatDecimal(s.Value),
        }));
        return response;
    }

    /// <summary>Validates <paramref name="report"/> with the history rules against <paramref name="previous"/>, last year's report of the same agency (null when there is none or the caller may not read it).</summary>
    /// <param name="otherAgenciesFor">
    /// When set, also V18 against other agencies' reports of the year (validation view and submit only, never on a save),
    /// naming only the agencies this caller may read.
    /// </param>
    private async Task<DomainValidationResult> ValidateAsync(Agency agency, DomainReport report, ReportSnapshot? previous, Actor? otherAgenciesFor,
        CancellationToken cancellationToken)
    {
        var previousReport = previous is null ? null : models.Get(previous, agency).Report;

        // V18 against other agencies of the same year: candidates by indexed fingerprint, not every report's text.
        var peers = otherAgenciesFor is not null
            ? await fingerprints.FindSimilarAsync(agency.Id, report.Year, report, validator.Options, otherAgenciesFor, cancellationToken)
            : null;
        return validator.Validate(report, previousReport, peers);
    }

    /// <summary>Last year's report of <paramref name="agency"/> when there is one and the caller may read it.</summary>
    private async Task<ReportSnapshot?> PreviousAsync(Caller caller, Agency agency, int year, CancellationToken cancellationToken)
    {
        if (await reports.FindIdAsync(agency.Id, year - 1, cancellationToken) is not { } previousId)
        {
            return null;
        }

        try
        {
            return await reports.GetAsync(caller, previousId, cancellationToken);
        }
        catch (AccessDeniedException)
        {
            // Without read access to last year's report the history rules simply do not run.
            return null;
        }
    }

    /// <summary>The report named <paramref name="name"/>, its agency and last year's report, in one query.</summary>
    private async Task<ReportWithHistory> LoadAsync(Caller caller, string name, string field, CancellationToken cancellationToken)
    {
        var (agencyId, year) = ResourceNames.ParseReport(name, field);
        return await reports.FindWithPreviousAsync(caller, agencyId, year, cancellationToken)
            ?? throw RpcErrors.NotFound("REPORT_NOT_FOUND", $"报告 {name} 不存在。");
    }

    private ApiReport ToApiFull(ReportSnapshot snapshot, Agency agency, Actor actor) =>
        ReportMapping.ToApiFull(models.Get(snapshot, agency).Message, snapshot, agency, actor);

    private async Task<(long Id, Agency Agency)> FindAsync(string name, string field, CancellationToken cancellationToken)
    {
        var id = await FindIdAsync(name, field, cancellationToken);
        var (agencyId, _) = ResourceNames.ParseReport(name, field);
        return (id, await agencies.GetAsync(agencyId, cancellationToken));
    }

    private async Task<long> FindIdAsync(string name, string field, CancellationToken cancellationToken)
    {
        var (agencyId, year) = ResourceNames.ParseReport(name, field);
        return await reports.FindIdAsync(agencyId, year, cancellationToken)
            ?? throw RpcErrors.NotFound("REPORT_NOT_FOUND", $"报告 {name} 不存在。");
    }

    private static string? Etag(string etag) => string.IsNullOrEmpty(etag) ? null : etag;

    private static string CellText(StoredCell? cell) => cell switch
    {
        null => string.Empty,
        { Value: { } value } => ReportProtoMapper.FormatDecimal(value),
        _ => cell.OriginalText ?? string.Empty,
    };

    // The id back from the event's "users/{id}", which this handler wrote (0, the server itself, is kept).
    private static long ActorId(ReportEvent item) =>
        long.Parse(item.Actor.AsSpan("users/".Length), NumberStyles.None, CultureInfo.InvariantCulture);

    // Display names come from the users table: a colleague's name on a report the caller may read is not a secret.
    private static ApiComment ToApi(string reportName, Data.Comment comment, IReadOnlyDictionary<long, string> displayNames) => new()
    {
        Name = reportName + "/comments/" + comment.Id.ToString(CultureInfo.InvariantCulture),
        Text = comment.Text,
        CellAddress = comment.CellAddress ?? string.Empty,
        FindingKey = comment.FindingId ?? string.Empty,
        ReplyTo = comment.ParentId is { } parent ? reportName + "/comments/" + parent.ToString(CultureInfo.InvariantCulture) : string.Empty,
        Author = ResourceNames.User(comment.AuthorId),
        AuthorDisplayName = displayNames.GetValueOrDefault(comment.AuthorId, string.Empty),
        CreateTime = ReportMapping.Time(comment.CreatedAt),
    };
}
