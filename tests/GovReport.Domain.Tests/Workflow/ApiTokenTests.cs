using GovReport.Domain.Identity;

namespace GovReport.Domain.Tests.Workflow;

public class ApiTokenTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Issue_NewToken_IsPrefixedAndStoresOnlyTheHash()
    {
        var issued = ApiTokens.Issue(5, "cli", Now, TimeSpan.FromDays(30));

        Assert.StartsWith("grt_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(47, issued.Secret.Length);
        Assert.True(ApiTokens.IsWellFormed(issued.Secret));
        Assert.Equal(32, issued.Token.Hash.Length);
        Assert.Equal(ApiTokens.Hash(issued.Secret), issued.Token.Hash);
        Assert.StartsWith(issued.Token.DisplayPrefix, issued.Secret, StringComparison.Ordinal);
        Assert.True(issued.Token.DisplayPrefix.Length < 12);
        Assert.Equal(Now.AddDays(30), issued.Token.ExpiresAt);
    }

    [Fact]
    public void Issue_TwoTokens_Differ()
    {
        var a = ApiTokens.Issue(5, "a", Now, TimeSpan.FromDays(1));
        var b = ApiTokens.Issue(5, "b", Now, TimeSpan.FromDays(1));

        Assert.NotEqual(a.Secret, b.Secret);
        Assert.NotEqual(a.Token.Hash, b.Token.Hash);
    }

    [Fact]
    public void Issue_NonPositiveLifetime_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ApiTokens.Issue(5, "x", Now, TimeSpan.Zero));
    }

    [Fact]
    public void Check_FreshToken_Valid()
    {
        var issued = ApiTokens.Issue(5, "cli", Now, TimeSpan.FromHours(1));

        Assert.Equal(TokenCheck.Valid, ApiTokens.Check(issued.Secret, issued.Token, Now.AddMinutes(59)));
    }

    [Fact]
    public void Check_AtOrAfterExpiry_Expired()
    {
        var issued = ApiTokens.Issue(5, "cli", Now, TimeSpan.FromHours(1));

        Assert.Equal(TokenCheck.Expired, ApiTokens.Check(issued.Secret, issued.Token, Now.AddHours(1)));
        Assert.Contains("过期", TokenCheck.Expired.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_RevokedToken_Revoked()
    {
        var issued = ApiTokens.Issue(5, "cli", Now, TimeSpan.FromHours(1));
        var revoked = issued.Token.Revoke(Now.AddMinutes(1));

        Assert.Equal(TokenCheck.Revoked, ApiTokens.Check(issued.Secret, revoked, Now.AddMinutes(2)));
        Assert.Equal(Now.AddMinutes(1), revoked.Revoke(Now.AddMinutes(5)).RevokedAt);
    }

    [Fact]
    public void Check_SecretOfAnotherToken_Unknown()
    {
        var a = ApiTokens.Issue(5, "a", Now, TimeSpan.FromHours(1));
        var b = ApiTokens.Issue(5, "b", Now, TimeSpan.FromHours(1));

        Assert.Equal(TokenCheck.Unknown, ApiTokens.Check(a.Secret, b.Token, Now));
        Assert.Equal(TokenCheck.Unknown, ApiTokens.Check(a.Secret, null, Now));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer grt_abc")]
    [InlineData("grt_short")]
    [InlineData("xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("grt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+")]
    public void Check_Malformed_Malformed(string? secret)
    {
        Assert.False(ApiTokens.IsWellFormed(secret));
        Assert.Equal(TokenCheck.Malformed, ApiTokens.Check(secret, null, Now));
    }
}
