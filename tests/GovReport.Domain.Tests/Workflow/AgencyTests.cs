using GovReport.Domain.Agencies;
using GovReport.Domain.Reports;

namespace GovReport.Domain.Tests.Workflow;

public class AgencyTests
{
    [Fact]
    public void CreateChild_ThreeLevels_BuildsMaterialisedPath()
    {
        Assert.Equal("/1/4/9/", AgencyTree.BeilunOffice.Path.Value);
        Assert.Equal(9, AgencyTree.BeilunOffice.Path.AgencyId);
        Assert.Equal(3, AgencyTree.BeilunOffice.Path.Depth);
        Assert.Equal(4, AgencyTree.BeilunOffice.ParentId);
    }

    [Fact]
    public void IsStrictAncestorOf_SubtreeAndSiblings_AnswersByPrefix()
    {
        Assert.True(AgencyTree.Ningbo.IsStrictAncestorOf(AgencyTree.BeilunOffice));
        Assert.True(AgencyTree.Beilun.IsStrictAncestorOf(AgencyTree.BeilunOffice));
        Assert.False(AgencyTree.Beilun.IsStrictAncestorOf(AgencyTree.Beilun));
        Assert.True(AgencyTree.Beilun.IsSelfOrAncestorOf(AgencyTree.Beilun));
        Assert.False(AgencyTree.Yuyao.IsSelfOrAncestorOf(AgencyTree.BeilunOffice));
    }

    [Fact]
    public void IsSelfOrDescendantOf_IdPrefixOfAnotherId_IsNotConfused()
    {
        // "/1/" is a string prefix of "/12/": the trailing slash must keep them apart.
        var one = AgencyPath.Root(1);
        var twelve = AgencyPath.Root(12);
        Assert.False(twelve.IsSelfOrDescendantOf(one));
        Assert.True(one.Child(12).IsStrictDescendantOf(one));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("1/4/")]
    [InlineData("/1/4")]
    [InlineData("/1//4/")]
    [InlineData("/1/x/")]
    [InlineData("/0/")]
    public void TryParse_Malformed_ReturnsFalse(string text)
    {
        Assert.False(AgencyPath.TryParse(text, out _));
        Assert.Throws<FormatException>(() => AgencyPath.Parse(text));
    }

    [Fact]
    public void Constructor_PathNotEndingInId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Agency(5, "某局", AgencyKind.Department, 1, AgencyPath.Parse("/1/4/")));
    }

    [Theory]
    [InlineData(AgencyKind.Government, "人民政府")]
    [InlineData(AgencyKind.Department, "政府部门")]
    [InlineData(AgencyKind.TownshipOrStreet, "乡镇街道")]
    public void ToChinese_EveryKind_RoundTrips(AgencyKind kind, string chinese)
    {
        Assert.Equal(chinese, kind.ToChinese());
        Assert.True(AgencyKindNames.TryParseChinese(chinese, out var parsed));
        Assert.Equal(kind, parsed);
    }
}
