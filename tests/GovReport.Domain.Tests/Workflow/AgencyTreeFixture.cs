using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Reports;

namespace GovReport.Domain.Tests.Workflow;

/// <summary>The tree used by the workflow and access tests: 宁波市 → 北仑区 → 北仑区人民政府办公室; 宁波市 → 余姚市 → 朗霞街道办事处.</summary>
internal static class AgencyTree
{
    public static readonly Agency Ningbo = Agency.CreateRoot(1, "宁波市人民政府", AgencyKind.Government);
    public static readonly Agency Beilun = Ningbo.CreateChild(4, "北仑区人民政府", AgencyKind.Government);
    public static readonly Agency BeilunOffice = Beilun.CreateChild(9, "北仑区人民政府办公室", AgencyKind.Department);
    public static readonly Agency Yuyao = Ningbo.CreateChild(5, "余姚市人民政府", AgencyKind.Government);
    public static readonly Agency Langxia = Yuyao.CreateChild(12, "朗霞街道办事处", AgencyKind.TownshipOrStreet);

    public static Actor Clerk(long id, Agency agency) => new(id, $"clerk{id}", Role.Clerk, agency.Id, agency.Path);

    public static Actor Reviewer(long id, Agency agency) => new(id, $"reviewer{id}", Role.Reviewer, agency.Id, agency.Path);

    public static Actor Admin(long id) => new(id, $"admin{id}", Role.Admin, Ningbo.Id, Ningbo.Path);
}
