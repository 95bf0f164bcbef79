using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace GovReport.Domain.Identity;

/// <summary>
/// A stored API token: only the SHA-256 hash of the secret is kept, so a copy of the database does not
/// let anyone sign in. The secret is shown once, at creation.
/// </summary>
public sealed record ApiToken(
    long Id,
    long UserId,
    string Name,
    byte[] Hash,
    string DisplayPrefix,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    public bool IsExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool IsRevoked => RevokedAt is not null;

    public ApiToken Revoke(DateTimeOffset now) => RevokedAt is null ? this with { RevokedAt = now } : this;
}

/// <summary>A freshly created token: the secret to hand to the user once, and what to store.</summary>
public sealed record IssuedToken(string Secret, ApiToken Token);

public enum TokenCheck
{
    Valid = 1,
    Malformed,
    Unknown,
    Expired,
    Revoked,
}

public static class ApiTokens
{
    /// <summary>Every secret starts with this, so leaked tokens are easy to spot in logs and repositories.</summary>
    public const string Prefix = "grt_";

    private const int SecretBytes = 32;

    // 32 bytes → 43 base64url characters without padding.
    private const int EncodedLength = 43;

    public static IssuedToken Issue(long userId, string name, DateTimeOffset now, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, "令牌有效期必须大于零");
        }

        Span<byte> random = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(random);
        var secret = Prefix + Base64Url.EncodeToString(random);
        var token = new ApiToken(0, userId, name, Hash(secret), secret[..(Prefix.Length + 6)], now, now + lifetime, null);
        return new IssuedToken(secret, token);
    }

    /// <summary>Shape check before any lookup, so junk never reaches the database.</summary>
    public static bool IsWellFormed(string? secret) =>
        secret is not null
        && secret.Length == Prefix.Length + EncodedLength
        && secret.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(secret.AsSpan(Prefix.Length));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>Checks a presented secret against the stored token found by its hash (or null if none).</summary>
    public static TokenCheck Check(string? secret, ApiToken? stored, DateTimeOffset now)
    {
        if (!IsWellFormed(secret))
        {
            return TokenCheck.Malformed;
        }

        if (stored is null || !CryptographicOperations.FixedTimeEquals(Hash(secret!), stored.Hash))
        {
            return TokenCheck.Unknown;
        }

        if (stored.IsRevoked)
        {
            return TokenCheck.Revoked;
        }

        return stored.IsExpired(now) ? TokenCheck.Expired : TokenCheck.Valid;
    }

    public static string Describe(this TokenCheck check) => check switch
    {
        TokenCheck.Valid => "令牌有效",
        TokenCheck.Malformed => "令牌格式错误，应以 grt_ 开头",
        TokenCheck.Unknown => "令牌无效或不存在",
        TokenCheck.Expired => "令牌已过期，请重新申请",
        TokenCheck.Revoked => "令牌已被吊销",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, null),
    };
}
