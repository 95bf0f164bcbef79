using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GovReport.Data.Internal;

/// <summary>
/// Opaque keyset page tokens: the last id returned plus a fingerprint of the filters, so a token cannot
/// be replayed against a different query (AIP-158). Keyset, not offset: pages stay stable while rows are added.
/// </summary>
internal static class PageTokens
{
    public static string Encode(long lastId, string fingerprint) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"v1:{lastId.ToString(CultureInfo.InvariantCulture)}:{fingerprint}"));

    public static long Decode(string? token, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts.Length == 3 && parts[0] == "v1" && parts[2] == fingerprint
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var lastId))
            {
                return lastId;
            }
        }
        catch (FormatException)
        {
            // Reported below like any other unusable token.
        }

        throw new InvalidStoreArgumentException("page_token", "分页标记无效，或与本次查询条件不一致，请从第一页重新查询");
    }

    public static string Fingerprint(params object?[] filters)
    {
        var text = string.Join("|", filters.Select(f => Convert.ToString(f, CultureInfo.InvariantCulture) ?? "-"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
