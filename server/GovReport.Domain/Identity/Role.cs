namespace GovReport.Domain.Identity;

public enum Role
{
    /// <summary>填报员: fills in and submits its own agency's reports.</summary>
    Clerk = 1,

    /// <summary>审核员: reviews, returns and approves reports of agencies strictly below its own.</summary>
    Reviewer = 2,

    /// <summary>管理员: everything, including users, agencies, tokens, backup and audit.</summary>
    Admin = 3,
}

public static class RoleNames
{
    public static string ToChinese(this Role role) => role switch
    {
        Role.Clerk => "填报员",
        Role.Reviewer => "审核员",
        Role.Admin => "管理员",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "未知角色"),
    };
}
