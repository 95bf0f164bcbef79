namespace GovReport.Domain.Workflow;

/// <summary>
/// A refused workflow transition. Carries what a transport needs to answer FAILED_PRECONDITION with a
/// PreconditionFailure: the state, the attempted transition, a Chinese reason, a machine code and, for
/// a submission, the findings that block it.
/// </summary>
public sealed class WorkflowException : Exception
{
    public WorkflowException(ReportState from, WorkflowTransition transition, string code, string reason,
        IReadOnlyList<SubmissionFinding>? blockingFindings = null)
        : base($"不能从“{from.ToChinese()}”状态{transition.ToChinese()}报告：{reason}")
    {
        From = from;
        Transition = transition;
        Code = code;
        Reason = reason;
        BlockingFindings = blockingFindings ?? [];
    }

    public ReportState From { get; }

    public WorkflowTransition Transition { get; }

    /// <summary>UPPER_SNAKE reason for ErrorInfo, e.g. REPORT_HAS_ERRORS, SEPARATION_OF_DUTIES.</summary>
    public string Code { get; }

    /// <summary>The Chinese reason shown to the user.</summary>
    public string Reason { get; }

    public IReadOnlyList<SubmissionFinding> BlockingFindings { get; }
}

public static class WorkflowCodes
{
    public const string InvalidState = "INVALID_STATE";
    public const string ReportHasErrors = "REPORT_HAS_ERRORS";
    public const string WarningsUnjustified = "WARNINGS_NOT_JUSTIFIED";
    public const string SeparationOfDuties = "SEPARATION_OF_DUTIES";
    public const string ReasonRequired = "REASON_REQUIRED";
    public const string NotAboveApprover = "NOT_ABOVE_APPROVER";
}
