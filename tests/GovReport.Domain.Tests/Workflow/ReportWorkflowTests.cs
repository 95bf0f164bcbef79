using GovReport.Domain.Workflow;

namespace GovReport.Domain.Tests.Workflow;

public class ReportWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Identity.Actor Clerk = AgencyTree.Clerk(10, AgencyTree.BeilunOffice);
    private static readonly Identity.Actor OtherClerk = AgencyTree.Clerk(11, AgencyTree.BeilunOffice);
    private static readonly Identity.Actor Reviewer = AgencyTree.Reviewer(20, AgencyTree.Beilun);
    private static readonly Identity.Actor CityReviewer = AgencyTree.Reviewer(30, AgencyTree.Ningbo);
    private static readonly Identity.Actor SiblingReviewer = AgencyTree.Reviewer(31, AgencyTree.Yuyao);
    private static readonly Identity.Actor Admin = AgencyTree.Admin(1);

    private static readonly SubmissionFinding Error = new("V03:applications.results_total.total", "V03", FindingLevel.Error, "总计不等于各项之和");
    private static readonly SubmissionFinding Warning = new("V12:publication_date", "V12", FindingLevel.Warning, "发布日期晚于1月31日");
    private static readonly SubmissionFinding Info = new("V19:overview", "V19", FindingLevel.Info, "提示");

    private static ReportWorkflow Submitted()
    {
        var workflow = new ReportWorkflow();
        workflow.RecordEdit(Clerk);
        workflow.Submit(Clerk, [], [], Now);
        return workflow;
    }

    private static ReportWorkflow Approved()
    {
        var workflow = Submitted();
        workflow.Approve(Reviewer, Now);
        return workflow;
    }

    [Fact]
    public void Submit_CleanDraft_MovesToSubmittedAndRecordsEvent()
    {
        var workflow = new ReportWorkflow();
        workflow.RecordEdit(Clerk);

        workflow.Submit(Clerk, [Info], [], Now);

        Assert.Equal(ReportState.Submitted, workflow.State);
        Assert.Equal(Clerk.UserId, workflow.SubmittedBy);
        var submitted = Assert.Single(workflow.PendingEvents);
        Assert.Equal((WorkflowTransition.Submit, ReportState.Draft, ReportState.Submitted), (submitted.Transition, submitted.From, submitted.To));
    }

    [Fact]
    public void Submit_OpenErrorFindings_RefusedListingThem()
    {
        var workflow = new ReportWorkflow();

        var ex = Assert.Throws<WorkflowException>(() => workflow.Submit(Clerk, [Error, Warning], [], Now));

        Assert.Equal(ReportState.Draft, ex.From);
        Assert.Equal(WorkflowTransition.Submit, ex.Transition);
        Assert.Equal(WorkflowCodes.ReportHasErrors, ex.Code);
        Assert.Equal([Error], ex.BlockingFindings);
        Assert.Contains("1 个错误", ex.Reason, StringComparison.Ordinal);
        Assert.Contains("草稿", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ReportState.Draft, workflow.State);
    }

    [Fact]
    public void Submit_WarningWithoutJustification_Refused()
    {
        var workflow = new ReportWorkflow();

        var ex = Assert.Throws<WorkflowException>(() =>
            workflow.Submit(Clerk, [Warning], [new FindingJustification(Warning.FindingId, "  ")], Now));

        Assert.Equal(WorkflowCodes.WarningsUnjustified, ex.Code);
        Assert.Equal([Warning], ex.BlockingFindings);
    }

    [Fact]
    public void Submit_WarningJustified_Accepted()
    {
        var workflow = new ReportWorkflow();

        workflow.Submit(Clerk, [Warning], [new FindingJustification(Warning.FindingId, "年报经领导审定后于2月发布")], Now);

        Assert.Equal(ReportState.Submitted, workflow.State);
    }

    [Theory]
    [InlineData(ReportState.Submitted)]
    [InlineData(ReportState.Approved)]
    public void Submit_NotEditableState_Refused(ReportState state)
    {
        var workflow = ReportWorkflow.Restore(state, [Clerk.UserId], Clerk.UserId, null, null);

        var ex = Assert.Throws<WorkflowException>(() => workflow.Submit(Clerk, [], [], Now));

        Assert.Equal(state, ex.From);
        Assert.Equal(WorkflowCodes.InvalidState, ex.Code);
    }

    [Fact]
    public void Approve_BySubmitter_RefusedForSeparationOfDuties()
    {
        var workflow = ReportWorkflow.Restore(ReportState.Submitted, [], Reviewer.UserId, null, null);

        var ex = Assert.Throws<WorkflowException>(() => workflow.Approve(Reviewer, Now));

        Assert.Equal(WorkflowCodes.SeparationOfDuties, ex.Code);
        Assert.Contains("职责分离", ex.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Approve_ByAnEarlierEditor_RefusedForSeparationOfDuties()
    {
        var workflow = new ReportWorkflow();
        workflow.RecordEdit(Admin);
        workflow.RecordEdit(Clerk);
        workflow.Submit(OtherClerk, [], [], Now);

        var ex = Assert.Throws<WorkflowException>(() => workflow.Approve(Admin, Now));

        Assert.Equal(WorkflowCodes.SeparationOfDuties, ex.Code);
        Assert.Equal(ReportState.Submitted, workflow.State);
    }

    [Fact]
    public void Approve_Submitted_MovesToApprovedAndBecomesReadOnly()
    {
        var workflow = Approved();

        Assert.Equal(ReportState.Approved, workflow.State);
        Assert.True(workflow.IsReadOnly);
        Assert.Equal(Reviewer.UserId, workflow.ApprovedBy);
        Assert.Equal(Reviewer.AgencyPath, workflow.ApproverAgency);
        var ex = Assert.Throws<WorkflowException>(() => workflow.RecordEdit(Clerk));
        Assert.Equal(ReportState.Approved, ex.From);
        Assert.Equal(WorkflowTransition.Edit, ex.Transition);
        Assert.Contains("只读", ex.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ReportState.Draft)]
    [InlineData(ReportState.Returned)]
    [InlineData(ReportState.Approved)]
    [InlineData(ReportState.Reopened)]
    public void Approve_NotSubmitted_Refused(ReportState state)
    {
        var workflow = ReportWorkflow.Restore(state, [], null, null, null);

        var ex = Assert.Throws<WorkflowException>(() => workflow.Approve(Reviewer, Now));

        Assert.Equal(state, ex.From);
        Assert.Equal(WorkflowTransition.Approve, ex.Transition);
    }

    [Fact]
    public void Return_WithReasonCellsAndFindings_MovesToReturnedThenResubmits()
    {
        var workflow = Submitted();

        workflow.Return(Reviewer, "采购金额单位有误", ["active_disclosure.art20_9.procurement.amount"], ["V09:x"], Now);

        Assert.Equal(ReportState.Returned, workflow.State);
        var returned = workflow.PendingEvents[^1];
        Assert.Equal("采购金额单位有误", returned.Reason);
        Assert.Equal(["active_disclosure.art20_9.procurement.amount"], returned.CellAddresses);
        Assert.Equal(["V09:x"], returned.FindingIds);

        workflow.RecordEdit(Clerk);
        workflow.Submit(Clerk, [], [], Now);
        Assert.Equal(ReportState.Submitted, workflow.State);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Return_WithoutReason_Refused(string reason)
    {
        var workflow = Submitted();

        var ex = Assert.Throws<WorkflowException>(() => workflow.Return(Reviewer, reason, [], [], Now));

        Assert.Equal(WorkflowCodes.ReasonRequired, ex.Code);
        Assert.Equal(ReportState.Submitted, workflow.State);
    }

    [Theory]
    [InlineData(ReportState.Draft)]
    [InlineData(ReportState.Returned)]
    [InlineData(ReportState.Approved)]
    public void Return_NotSubmitted_Refused(ReportState state)
    {
        var workflow = ReportWorkflow.Restore(state, [], null, null, null);

        Assert.Throws<WorkflowException>(() => workflow.Return(Reviewer, "理由", [], [], Now));
    }

    [Fact]
    public void Reopen_ByReviewerAboveApprover_MovesToReopenedAndEditable()
    {
        var workflow = Approved();

        workflow.Reopen(CityReviewer, "发现数据错误", Now);

        Assert.Equal(ReportState.Reopened, workflow.State);
        Assert.Null(workflow.ApprovedBy);
        workflow.RecordEdit(Clerk);
        workflow.Submit(Clerk, [], [], Now);
        Assert.Equal(ReportState.Submitted, workflow.State);
    }

    [Fact]
    public void Reopen_ByAdmin_Allowed()
    {
        var workflow = Approved();

        workflow.Reopen(Admin, "更正", Now);

        Assert.Equal(ReportState.Reopened, workflow.State);
    }

    [Fact]
    public void Reopen_ByTheApproverItself_Refused()
    {
        var workflow = Approved();

        var ex = Assert.Throws<WorkflowException>(() => workflow.Reopen(Reviewer, "想改", Now));

        Assert.Equal(WorkflowCodes.NotAboveApprover, ex.Code);
        Assert.Equal(ReportState.Approved, workflow.State);
    }

    [Fact]
    public void Reopen_ByReviewerOnAnotherBranch_Refused()
    {
        var workflow = Approved();

        var ex = Assert.Throws<WorkflowException>(() => workflow.Reopen(SiblingReviewer, "想改", Now));

        Assert.Equal(WorkflowCodes.NotAboveApprover, ex.Code);
    }

    [Fact]
    public void Reopen_ByClerk_Refused()
    {
        var workflow = Approved();

        Assert.Throws<WorkflowException>(() => workflow.Reopen(Clerk, "想改", Now));
    }

    [Fact]
    public void Reopen_WithoutReason_Refused()
    {
        var workflow = Approved();

        var ex = Assert.Throws<WorkflowException>(() => workflow.Reopen(Admin, "", Now));

        Assert.Equal(WorkflowCodes.ReasonRequired, ex.Code);
    }

    [Theory]
    [InlineData(ReportState.Draft)]
    [InlineData(ReportState.Submitted)]
    [InlineData(ReportState.Returned)]
    [InlineData(ReportState.Reopened)]
    public void Reopen_NotApproved_Refused(ReportState state)
    {
        var workflow = ReportWorkflow.Restore(state, [], null, null, null);

        var ex = Assert.Throws<WorkflowException>(() => workflow.Reopen(Admin, "理由", Now));

        Assert.Equal(WorkflowCodes.InvalidState, ex.Code);
    }

    [Theory]
    [InlineData(ReportState.Draft, true)]
    [InlineData(ReportState.Submitted, false)]
    [InlineData(ReportState.Approved, false)]
    [InlineData(ReportState.Returned, true)]
    [InlineData(ReportState.Reopened, true)]
    public void RecordEdit_ByState_AllowedOnlyWhenEditable(ReportState state, bool allowed)
    {
        var workflow = ReportWorkflow.Restore(state, [], null, null, null);

        if (allowed)
        {
            workflow.RecordEdit(OtherClerk);
            Assert.Contains(OtherClerk.UserId, workflow.Editors);
        }
        else
        {
            var ex = Assert.Throws<WorkflowException>(() => workflow.RecordEdit(OtherClerk));
            Assert.Equal(WorkflowCodes.InvalidState, ex.Code);
        }
    }

    [Theory]
    [InlineData(ReportState.Draft, true)]
    [InlineData(ReportState.Submitted, false)]
    [InlineData(ReportState.Approved, false)]
    [InlineData(ReportState.Returned, false)]
    [InlineData(ReportState.Reopened, false)]
    public void EnsureDeletable_ByState_OnlyDrafts(ReportState state, bool allowed)
    {
        var workflow = ReportWorkflow.Restore(state, [], null, null, null);

        var ex = Record.Exception(workflow.EnsureDeletable);

        if (allowed)
        {
            Assert.Null(ex);
        }
        else
        {
            var refused = Assert.IsType<WorkflowException>(ex);
            Assert.Equal(WorkflowTransition.Delete, refused.Transition);
            Assert.Contains("草稿", refused.Reason, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ReportState.Draft, "DRAFT")]
    [InlineData(ReportState.Submitted, "SUBMITTED")]
    [InlineData(ReportState.Approved, "APPROVED")]
    [InlineData(ReportState.Returned, "RETURNED")]
    [InlineData(ReportState.Reopened, "REOPENED")]
    public void ToCode_EveryState_RoundTrips(ReportState state, string code)
    {
        Assert.Equal(code, state.ToCode());
        Assert.Equal(state, WorkflowNames.ParseCode(code));
    }
}
