namespace GovReport.Domain.Workflow;

public enum ReportState
{
    Draft = 1,
    Submitted,
    Approved,
    Returned,
    Reopened,
}

public enum WorkflowTransition
{
    Edit = 1,
    Submit,
    Approve,
    Return,
    Reopen,
    Delete,
}

public static class WorkflowNames
{
    public static string ToChinese(this ReportState state) => state switch
    {
        ReportState.Draft => "草稿",
        ReportState.Submitted => "已提交",
        ReportState.Approved => "已审核通过",
        ReportState.Returned => "已退回",
        ReportState.Reopened => "已重新打开",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "未知状态"),
    };

    public static string ToChinese(this WorkflowTransition transition) => transition switch
    {
        WorkflowTransition.Edit => "修改",
        WorkflowTransition.Submit => "提交",
        WorkflowTransition.Approve => "审核通过",
        WorkflowTransition.Return => "退回",
        WorkflowTransition.Reopen => "重新打开",
        WorkflowTransition.Delete => "删除",
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, "未知操作"),
    };

    /// <summary>UPPER_SNAKE name for wire formats (e.g. STATE_DRAFT without the prefix).</summary>
    public static string ToCode(this ReportState state) => state switch
    {
        ReportState.Draft => "DRAFT",
        ReportState.Submitted => "SUBMITTED",
        ReportState.Approved => "APPROVED",
        ReportState.Returned => "RETURNED",
        ReportState.Reopened => "REOPENED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static ReportState ParseCode(string code) => code switch
    {
        "DRAFT" => ReportState.Draft,
        "SUBMITTED" => ReportState.Submitted,
        "APPROVED" => ReportState.Approved,
        "RETURNED" => ReportState.Returned,
        "REOPENED" => ReportState.Reopened,
        _ => throw new FormatException($"未知的报告状态：{code}"),
    };

    /// <summary>States in which the report's content may change.</summary>
    public static bool IsEditable(this ReportState state) =>
        state is ReportState.Draft or ReportState.Returned or ReportState.Reopened;
}
