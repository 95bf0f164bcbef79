using GovReport.Domain.Agencies;

namespace GovReport.Domain.Identity;

public sealed record AccessDecision(bool Allowed, string Reason)
{
    public static AccessDecision Allow { get; } = new(true, "允许");

    public static AccessDecision Deny(string reason) => new(false, reason);
}

/// <summary>How the target agency relates to the actor's agency.</summary>
public enum AgencyRelation
{
    Own = 1,
    Descendant,
    Unrelated,
}

/// <summary>
/// Who may do what to which agency's reports. A pure function of (actor, action, target agency), so the
/// whole matrix can be tested and printed. Workflow rules (state, separation of duties) are checked
/// separately by <see cref="Workflow.ReportWorkflow"/>.
/// </summary>
/// <remarks>
/// Clerk: read/create/update/delete/submit/comment on its own agency only.
/// Reviewer: read and comment on its own agency and every agency below; approve/return/reopen only strictly below.
/// Admin: everything. System-wide actions (users, agencies, tokens, backup) are admin-only;
/// verifying the audit log is open to reviewers too.
/// </remarks>
public static class AccessPolicy
{
    public static AgencyRelation Relate(AgencyPath actorAgency, AgencyPath target)
    {
        if (target == actorAgency)
        {
            return AgencyRelation.Own;
        }

        return target.IsStrictDescendantOf(actorAgency) ? AgencyRelation.Descendant : AgencyRelation.Unrelated;
    }

    /// <param name="target">The agency the action touches; null for system-wide actions.</param>
    public static AccessDecision Evaluate(Actor actor, AccessAction action, AgencyPath? target)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.Role == Role.Admin)
        {
            return AccessDecision.Allow;
        }

        if (action.IsSystemWide())
        {
            if (action == AccessAction.VerifyAudit && actor.Role == Role.Reviewer)
            {
                return AccessDecision.Allow;
            }

            return AccessDecision.Deny($"{actor.Describe()}无权{action.ToChinese()}，该操作仅限管理员");
        }

        if (target is not { } agency)
        {
            throw new ArgumentNullException(nameof(target), $"操作“{action.ToChinese()}”必须指定目标机关");
        }

        var relation = Relate(actor.AgencyPath, agency);
        if (relation == AgencyRelation.Unrelated)
        {
            return AccessDecision.Deny($"{actor.Describe()}无权{action.ToChinese()}其他机关（非本机关及下级机关）的报告");
        }

        return actor.Role switch
        {
            Role.Clerk => ClerkDecision(actor, action, relation),
            Role.Reviewer => ReviewerDecision(actor, action, relation),
            _ => AccessDecision.Deny($"未知角色，拒绝{action.ToChinese()}"),
        };
    }

    private static AccessDecision ClerkDecision(Actor actor, AccessAction action, AgencyRelation relation)
    {
        if (relation != AgencyRelation.Own)
        {
            return AccessDecision.Deny($"{actor.Describe()}只能{action.ToChinese()}本机关的报告，不能操作下级机关的报告");
        }

        return action switch
        {
            AccessAction.Read or AccessAction.Create or AccessAction.Update or AccessAction.Delete
                or AccessAction.Submit or AccessAction.Comment => AccessDecision.Allow,
            _ => AccessDecision.Deny($"{actor.Describe()}无权{action.ToChinese()}报告，该操作由上级审核员或管理员执行"),
        };
    }

    private static AccessDecision ReviewerDecision(Actor actor, AccessAction action, AgencyRelation relation)
    {
        switch (action)
        {
            case AccessAction.Read:
            case AccessAction.Comment:
                return AccessDecision.Allow;
            case AccessAction.Approve:
            case AccessAction.Return:
            case AccessAction.Reopen:
                return relation == AgencyRelation.Descendant
                    ? AccessDecision.Allow
                    : AccessDecision.Deny($"{actor.Describe()}只能{action.ToChinese()}下级机关的报告，不能审核本机关的报告");
            default:
                return AccessDecision.Deny($"{actor.Describe()}无权{action.ToChinese()}报告，填报由本机关填报员负责");
        }
    }
}
