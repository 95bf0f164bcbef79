using Google.Protobuf.WellKnownTypes;
using GovReport.Data;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Validation;
using GovReport.Domain.Workflow;
using GovReport.Services.Storage.Internal;
using GovReport.Services.Templates.Internal;
using GovReport.Services.Validation;
using ApiReport = GovReport.Api.V1.Report;
using DomainReport = GovReport.Domain.Reports.Report;

namespace GovReport.Services.Reports.Internal;

/// <summary>Stored reports (<see cref="ReportSnapshot"/>, <see cref="ReportSummary"/>) ↔ the API's Report.</summary>
internal static class ReportMapping
{
    public static ApiReport.Types.State ToApi(ReportState state) => state switch
    {
        ReportState.Draft => ApiReport.Types.State.Draft,
        ReportState.Submitted => ApiReport.Types.State.Submitted,
        ReportState.Approved => ApiReport.Types.State.Approved,
        ReportState.Returned => ApiReport.Types.State.Returned,
        ReportState.Reopened => ApiReport.Types.State.Reopened,
        _ => ApiReport.Types.State.Unspecified,
    };

    public static ReportState? FromApi(ApiReport.Types.State state) => state switch
    {
        ApiReport.Types.State.Draft => ReportState.Draft,
        ApiReport.Types.State.Submitted => ReportState.Submitted,
        ApiReport.Types.State.Approved => ReportState.Approved,
        ApiReport.Types.State.Returned => ReportState.Returned,
        ApiReport.Types.State.Reopened => ReportState.Reopened,
        _ => null,
    };

    public static DomainReport ToDomain(ReportContent content, int year, Agency agency) =>
        ReportContentMapper.ToReport(content, year, agency.Name, agency.Kind);

    /// <summary>The full report: content plus the output-only workflow fields.</summary>
    public static ApiReport ToApiFull(ReportSnapshot snapshot, Agency agency, Actor actor)
    {
        var message = ReportProtoMapper.ToApi(ToDomain(snapshot.Content, snapshot.Summary.Year, agency));
        SetOutputFields(message, snapshot.Summary, agency, actor, snapshot.Workflow);
        return message;
    }

    /// <summary>
    /// The full report around <paramref name="content"/>, a content-only message that may be shared (cached): the
    /// response is a new message whose repeated fields hold the same elements, so <paramref name="content"/> is
    /// never changed.
    /// </summary>
    public static ApiReport ToApiFull(ApiReport content, ReportSnapshot snapshot, Agency agency, Actor actor)
    {
        var message = new ApiReport
        {
            ReportYear = content.ReportYear,
            Template = content.Template,
            PublicationDate = content.PublicationDate,
        };
        message.Parts.Add(content.Parts);
        message.ExtraParts.Add(content.ExtraParts);
        message.Cells.Add(content.Cells);
        message.ExtraTables.Add(content.ExtraTables);
        SetOutputFields(message, snapshot.Summary, agency, actor, snapshot.Workflow);
        return message;
    }

    /// <summary>
    /// Metadata, state and counts only (list items). The list's summaries carry the stored workflow, so allowed_actions
    /// is as exact as a full report's (an admin who submitted is not offered "approve").
    /// </summary>
    public static ApiReport ToApiBasic(ReportSummary summary, Agency agency, Actor actor)
    {
        var message = new ApiReport
        {
            AgencyDisplayName = agency.Name,
            AgencyKind = ReportProtoMapper.ToApi(agency.Kind),
            ReportYear = summary.Year,
            Template = TemplateMapper.ToApi(ReportContentMapper.ParseTemplate(summary.Template).Id),
        };
        SetOutputFields(message, summary, agency, actor,
            summary.Workflow ?? ReportWorkflow.Restore(summary.State, [], null, null, null));
        return message;
    }

    public static Timestamp Time(DateTimeOffset time) => Timestamp.FromDateTimeOffset(time);

    public static IReadOnlyList<SubmissionFinding> ToSubmission(ValidationResult result) =>
        [.. result.Findings
            .Where(f => f.Severity is Severity.Error or Severity.Warning)
            .Select(f => new SubmissionFinding(f.StableKey, f.RuleId, f.Severity == Severity.Error ? FindingLevel.Error : FindingLevel.Warning, f.Message))
            .DistinctBy(f => f.FindingId)];

    private static void SetOutputFields(ApiReport message, ReportSummary summary, Agency agency, Actor actor, ReportWorkflow workflow)
    {
        message.Name = ResourceNames.Report(summary.AgencyId, summary.Year);
        message.Agency = ResourceNames.Agency(summary.AgencyId);
        message.AgencyDisplayName = agency.Name;
        message.AgencyKind = ReportProtoMapper.ToApi(agency.Kind);
        message.State = ToApi(summary.State);
        message.Etag = summary.Etag;
        message.Revision = summary.Revision;
        message.CreateTime = Time(summary.CreatedAt);
        message.UpdateTime = Time(summary.UpdatedAt);
        message.ErrorCount = summary.ErrorCount;
        message.WarningCount = summary.WarningCount;
        message.AllowedActions.AddRange(AllowedActions(summary.State, agency.Path, actor, workflow));
    }

    /// <summary>
    /// What the caller may do now: the access policy for its role and agency, the workflow state, and the workflow's own
    /// rules, so that an offered action is not then refused.
    /// </summary>
    private static IEnumerable<string> AllowedActions(ReportState state, AgencyPath agency, Actor actor, ReportWorkflow workflow)
    {
        bool May(AccessAction action) => AccessPolicy.Evaluate(actor, action, agency).Allowed;
        if (state.IsEditable() && May(AccessAction.Update))
        {
            yield return "update";
        }

        if (state.IsEditable() && May(AccessAction.Submit))
        {
            yield return "submit";
        }

        // Separation of duties: whoever submitted or edited never approves (the workflow refuses it too).
        if (state == ReportState.Submitted && May(AccessAction.Approve) && workflow.SubmittedBy != actor.UserId
            && !workflow.Editors.Contains(actor.UserId))
        {
            yield return "approve";
        }

        if (state == ReportState.Submitted && May(AccessAction.Return))
        {
            yield return "return";
        }

        // Only an admin or a reviewer above the approver's agency reopens.
        if (state == ReportState.Approved && May(AccessAction.Reopen)
            && (actor.Role == Role.Admin || (workflow.ApproverAgency is { } approver && approver.IsStrictDescendantOf(actor.AgencyPath))))
        {
            yield return "reopen";
        }

        if (state == ReportState.Draft && May(AccessAction.Delete))
        {
            yield return "delete";
        }

        if (May(AccessAction.Comment))
        {
            yield return "comment";
        }
    }
}
