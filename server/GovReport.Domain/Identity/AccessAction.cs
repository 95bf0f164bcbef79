namespace GovReport.Domain.Identity;

/// <summary>Every action the access policy decides on.</summary>
public enum AccessAction
{
    Read = 1,
    Create,
    Update,
    Delete,
    Submit,
    Approve,
    Return,
    Reopen,
    Comment,
    ManageUsers,
    ManageAgencies,
    ManageTokens,
    Backup,
    VerifyAudit,
}

public static class AccessActionNames
{
    public static string ToChinese(this AccessAction action) => action switch
    {
        AccessAction.Read => "查看",
        AccessAction.Create => "新建",
        AccessAction.Update => "修改",
        AccessAction.Delete => "删除",
        AccessAction.Submit => "提交",
        AccessAction.Approve => "审核通过",
        AccessAction.Return => "退回",
        AccessAction.Reopen => "重新打开",
        AccessAction.Comment => "评论",
        AccessAction.ManageUsers => "管理用户",
        AccessAction.ManageAgencies => "管理机关",
        AccessAction.ManageTokens => "管理令牌",
        AccessAction.Backup => "备份数据库",
        AccessAction.VerifyAudit => "校验审计日志",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "未知操作"),
    };

    /// <summary>Actions on the whole system, not on one agency's reports.</summary>
    public static bool IsSystemWide(this AccessAction action) =>
        action is AccessAction.ManageUsers or AccessAction.ManageAgencies or AccessAction.ManageTokens
            or AccessAction.Backup or AccessAction.VerifyAudit;
}
