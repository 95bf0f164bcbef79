using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;

namespace GovReport.Domain.Tests.Workflow;

public class AccessPolicyTests
{
    private static readonly AccessAction[] ReportActions =
    [
        AccessAction.Read, AccessAction.Create, AccessAction.Update, AccessAction.Delete, AccessAction.Submit,
        AccessAction.Approve, AccessAction.Return, AccessAction.Reopen, AccessAction.Comment,
    ];

    private static readonly AccessAction[] SystemActions =
    [
        AccessAction.ManageUsers, AccessAction.ManageAgencies, AccessAction.ManageTokens, AccessAction.Backup,
        AccessAction.VerifyAudit,
    ];

    // The whole expected matrix: role × relation → the report actions that are allowed. Everything else is denied.
    private static readonly Dictionary<(Role, AgencyRelation), AccessAction[]> Expected = new()
    {
        [(Role.Clerk, AgencyRelation.Own)] =
            [AccessAction.Read, AccessAction.Create, AccessAction.Update, AccessAction.Delete, AccessAction.Submit, AccessAction.Comment],
        [(Role.Clerk, AgencyRelation.Descendant)] = [],
        [(Role.Clerk, AgencyRelation.Unrelated)] = [],
        [(Role.Reviewer, AgencyRelation.Own)] = [AccessAction.Read, AccessAction.Comment],
        [(Role.Reviewer, AgencyRelation.Descendant)] =
            [AccessAction.Read, AccessAction.Comment, AccessAction.Approve, AccessAction.Return, AccessAction.Reopen],
        [(Role.Reviewer, AgencyRelation.Unrelated)] = [],
        [(Role.Admin, AgencyRelation.Own)] = ReportActions,
        [(Role.Admin, AgencyRelation.Descendant)] = ReportActions,
        [(Role.Admin, AgencyRelation.Unrelated)] = ReportActions,
    };

    public static TheoryData<Role, AgencyRelation, AccessAction> Matrix()
    {
        var data = new TheoryData<Role, AgencyRelation, AccessAction>();
        foreach (var role in Enum.GetValues<Role>())
        {
            foreach (var relation in Enum.GetValues<AgencyRelation>())
            {
                foreach (var action in ReportActions)
                {
                    data.Add(role, relation, action);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Evaluate_RoleRelationAction_MatchesMatrix(Role role, AgencyRelation relation, AccessAction action)
    {
        // The actor sits at 北仑区 (/1/4/); own = 北仑区, descendant = 北仑区人民政府办公室, unrelated = 朗霞街道办事处.
        var actor = new Actor(7, "someone", role, AgencyTree.Beilun.Id, AgencyTree.Beilun.Path);
        var target = relation switch
        {
            AgencyRelation.Own => AgencyTree.Beilun.Path,
            AgencyRelation.Descendant => AgencyTree.BeilunOffice.Path,
            _ => AgencyTree.Langxia.Path,
        };
        Assert.Equal(relation, AccessPolicy.Relate(actor.AgencyPath, target));

        var decision = AccessPolicy.Evaluate(actor, action, target);

        Assert.Equal(Expected[(role, relation)].Contains(action), decision.Allowed);
        Assert.False(string.IsNullOrWhiteSpace(decision.Reason));
        if (!decision.Allowed)
        {
            Assert.Contains(action.ToChinese(), decision.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(Role.Clerk, AccessAction.ManageUsers, false)]
    [InlineData(Role.Clerk, AccessAction.ManageAgencies, false)]
    [InlineData(Role.Clerk, AccessAction.ManageTokens, false)]
    [InlineData(Role.Clerk, AccessAction.Backup, false)]
    [InlineData(Role.Clerk, AccessAction.VerifyAudit, false)]
    [InlineData(Role.Reviewer, AccessAction.ManageUsers, false)]
    [InlineData(Role.Reviewer, AccessAction.ManageAgencies, false)]
    [InlineData(Role.Reviewer, AccessAction.ManageTokens, false)]
    [InlineData(Role.Reviewer, AccessAction.Backup, false)]
    [InlineData(Role.Reviewer, AccessAction.VerifyAudit, true)]
    [InlineData(Role.Admin, AccessAction.ManageUsers, true)]
    [InlineData(Role.Admin, AccessAction.ManageAgencies, true)]
    [InlineData(Role.Admin, AccessAction.ManageTokens, true)]
    [InlineData(Role.Admin, AccessAction.Backup, true)]
    [InlineData(Role.Admin, AccessAction.VerifyAudit, true)]
    public void Evaluate_SystemWideAction_OnlyAdminsExceptAuditVerify(Role role, AccessAction action, bool allowed)
    {
        var actor = new Actor(7, "someone", role, AgencyTree.Beilun.Id, AgencyTree.Beilun.Path);

        var decision = AccessPolicy.Evaluate(actor, action, null);

        Assert.Equal(allowed, decision.Allowed);
        if (!allowed)
        {
            Assert.Contains("仅限管理员", decision.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Evaluate_EveryActionCovered_NoActionLeftOut()
    {
        Assert.Equal(Enum.GetValues<AccessAction>().Order(), ReportActions.Concat(SystemActions).Order());
    }

    [Fact]
    public void Evaluate_ReportActionWithoutTarget_Throws()
    {
        var clerk = AgencyTree.Clerk(1, AgencyTree.Beilun);
        Assert.Throws<ArgumentNullException>(() => AccessPolicy.Evaluate(clerk, AccessAction.Read, null));
    }

    [Fact]
    public void Evaluate_ReviewerAtRoot_ReachesGrandchildren()
    {
        var reviewer = AgencyTree.Reviewer(2, AgencyTree.Ningbo);

        Assert.True(AccessPolicy.Evaluate(reviewer, AccessAction.Approve, AgencyTree.Langxia.Path).Allowed);
        Assert.True(AccessPolicy.Evaluate(reviewer, AccessAction.Approve, AgencyTree.BeilunOffice.Path).Allowed);
        Assert.False(AccessPolicy.Evaluate(reviewer, AccessAction.Approve, AgencyTree.Ningbo.Path).Allowed);
    }

    [Fact]
    public void Evaluate_ClerkOnSiblingWithSharedIdPrefix_Denied()
    {
        var clerk = new Actor(3, "c", Role.Clerk, 1, AgencyPath.Root(1));
        var decision = AccessPolicy.Evaluate(clerk, AccessAction.Read, AgencyPath.Root(12));

        Assert.False(decision.Allowed);
        Assert.Contains("其他机关", decision.Reason, StringComparison.Ordinal);
    }
}
