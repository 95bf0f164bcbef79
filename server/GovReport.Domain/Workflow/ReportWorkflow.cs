using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;

namespace GovReport.Domain.Workflow;

/// <summary>One step in a report's life, as the workflow recorded it.</summary>
public sealed record WorkflowEvent(
    WorkflowTransition Transition,
    ReportState From,
    ReportState To,
    long ActorId,
    DateTimeOffset At,
    string? Reason,
    IReadOnlyList<string> CellAddresses,
    IReadOnlyList<string> FindingIds);

/// <summary>Why a submission with WARNING findings is still acceptable, one per finding id.</summary>
public sealed record FindingJustification(string FindingId, string Text);

/// <summary>
/// The report's state machine (eShop <c>Order</c> style: the aggregate guards its own transitions).
/// DRAFT → SUBMITTED → APPROVED | RETURNED; RETURNED → SUBMITTED; APPROVED → REOPENED → SUBMITTED.
/// Every refusal throws <see cref="WorkflowException"/>. Access control (who may act on which agency)
/// is <see cref="AccessPolicy"/>'s job and is checked before these methods are called; this class adds
/// the rules that depend on the report's history: separation of duties and "above the approver".
/// </summary>
public sealed class ReportWorkflow
{
    private readonly HashSet<long> _editors;
    private readonly List<WorkflowEvent> _pending = [];

    public ReportWorkflow()
        : this(ReportState.Draft, [], null, null, null)
    {
    }

    private ReportWorkflow(ReportState state, IEnumerable<long> editors, long? submittedBy, long? approvedBy,
        AgencyPath? approverAgency)
    {
        State = state;
        _editors = [.. editors];
        SubmittedBy = submittedBy;
        ApprovedBy = approvedBy;
        ApproverAgency = approverAgency;
    }

    /// <summary>Rebuilds the workflow from what storage kept.</summary>
    public static ReportWorkflow Restore(ReportState state, IEnumerable<long> editors, long? submittedBy,
        long? approvedBy, AgencyPath? approverAgency) =>
        new(state, editors, submittedBy, approvedBy, approverAgency);

    public ReportState State { get; private set; }

    /// <summary>Everyone who has ever changed the report's content; none of them may approve it.</summary>
    public IReadOnlyCollection<long> Editors => _editors;

    public long? SubmittedBy { get; private set; }

    public long? ApprovedBy { get; private set; }

    public AgencyPath? ApproverAgency { get; private set; }

    /// <summary>Transitions made since the workflow was created or restored, for storage to record.</summary>
    public IReadOnlyList<WorkflowEvent> PendingEvents => _pending;

    public bool IsReadOnly => !State.IsEditable();

    /// <summary>Records that <paramref name="actor"/> changed the content. Refused unless editable.</summary>
    public void RecordEdit(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!State.IsEditable())
        {
            var reason = State == ReportState.Approved
                ? "报告已审核通过，处于只读状态；如需修改，请由管理员或上级审核员重新打开"
                : "报告已提交，正在审核中，不能修改；如需修改，请等待审核员退回";
            throw new WorkflowException(State, WorkflowTransition.Edit, WorkflowCodes.InvalidState, reason);
        }

        _editors.Add(actor.UserId);
    }

    public void EnsureDeletable()
    {
        if (State != ReportState.Draft)
        {
            throw new WorkflowException(State, WorkflowTransition.Delete, WorkflowCodes.InvalidState,
                "只有草稿状态的报告可以删除");
        }
    }

    /// <param name="findings">The findings of a validation run on the content being submitted.</param>
    /// <param name="justifications">Justifications for WARNING findings, by finding id.</param>
    public void Submit(Actor actor, IReadOnlyCollection<SubmissionFinding> findings,
        IReadOnlyCollection<FindingJustification> justifications, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(justifications);
        if (!State.IsEditable())
        {
            throw new WorkflowException(State, WorkflowTransition.Submit, WorkflowCodes.InvalidState,
                "只有草稿、已退回或已重新打开的报告可以提交");
        }

        var errors = findings.Where(f => f.Level == FindingLevel.Error).ToList();
        if (errors.Count > 0)
        {
            throw new WorkflowException(State, WorkflowTransition.Submit, WorkflowCodes.ReportHasErrors,
                $"报告还有 {errors.Count} 个错误未修正，修正后才能提交", errors);
        }

        var justified = justifications
            .Where(j => !string.IsNullOrWhiteSpace(j.Text))
            .Select(j => j.FindingId)
            .ToHashSet(StringComparer.Ordinal);
        var unjustified = findings
            .Where(f => f.Level == FindingLevel.Warning && !justified.Contains(f.FindingId))
            .ToList();
        if (unjustified.Count > 0)
        {
            throw new WorkflowException(State, WorkflowTransition.Submit, WorkflowCodes.WarningsUnjustified,
                $"报告有 {unjustified.Count} 个警告未填写说明，每个警告都需要说明理由后才能提交", unjustified);
        }

        Move(WorkflowTransition.Submit, ReportState.Submitted, actor, now, null, [], []);
        SubmittedBy = actor.UserId;
    }

    public void Approve(Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireState(WorkflowTransition.Approve, ReportState.Submitted, "只有已提交的报告可以审核通过");
        if (actor.UserId == SubmittedBy || _editors.Contains(actor.UserId))
        {
            throw new WorkflowException(State, WorkflowTransition.Approve, WorkflowCodes.SeparationOfDuties,
                "不能审核自己填报或提交的报告（职责分离），请由其他审核员审核");
        }

        Move(WorkflowTransition.Approve, ReportState.Approved, actor, now, null, [], []);
        ApprovedBy = actor.UserId;
        ApproverAgency = actor.AgencyPath;
    }

    public void Return(Actor actor, string reason, IReadOnlyList<string> cellAddresses,
        IReadOnlyList<string> findingIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireState(WorkflowTransition.Return, ReportState.Submitted, "只有已提交的报告可以退回");
        RequireReason(WorkflowTransition.Return, reason, "退回报告必须填写退回理由");
        Move(WorkflowTransition.Return, ReportState.Returned, actor, now, reason.Trim(), cellAddresses, findingIds);
    }

    public void Reopen(Actor actor, string reason, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(actor);
        RequireState(WorkflowTransition.Reopen, ReportState.Approved, "只有已审核通过的报告可以重新打开");
        RequireReason(WorkflowTransition.Reopen, reason, "重新打开报告必须填写理由");
        var above = actor.Role == Role.Admin
            || (actor.Role == Role.Reviewer && ApproverAgency is { } approver && approver.IsStrictDescendantOf(actor.AgencyPath));
        if (!above)
        {
            throw new WorkflowException(State, WorkflowTransition.Reopen, WorkflowCodes.NotAboveApprover,
                "只有管理员或审核通过该报告的审核员的上级机关审核员可以重新打开已审核通过的报告");
        }

        Move(WorkflowTransition.Reopen, ReportState.Reopened, actor, now, reason.Trim(), [], []);
        ApprovedBy = null;
        ApproverAgency = null;
    }

    private void RequireState(WorkflowTransition transition, ReportState required, string reason)
    {
        if (State != required)
        {
            throw new WorkflowException(State, transition, WorkflowCodes.InvalidState, reason);
        }
    }

    private void RequireReason(WorkflowTransition transition, string? reason, string message)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new WorkflowException(State, transition, WorkflowCodes.ReasonRequired, message);
        }
    }

    private void Move(WorkflowTransition transition, ReportState to, Actor actor, DateTimeOffset now,
        string? reason, IReadOnlyList<string> cells, IReadOnlyList<string> findingIds)
    {
        _pending.Add(new WorkflowEvent(transition, State, to, actor.UserId, now, reason, [.. cells], [.. findingIds]));
        State = to;
    }
}
