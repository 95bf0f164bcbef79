namespace GovReport.Domain.Workflow;

public enum FindingLevel
{
    Info = 1,
    Warning,
    Error,
}

/// <summary>
/// What the workflow needs to know about a validation finding to decide on a submission: an id that is
/// stable across runs (so a justification can point at it), the rule, the level and the message.
/// Kept narrow so the workflow does not depend on the validation engine's full finding type.
/// </summary>
public sealed record SubmissionFinding(string FindingId, string RuleId, FindingLevel Level, string Message);
