using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using GovReport.Grpc;

namespace GovReport.Services.Storage.Internal;

/// <summary>
/// Opaque page tokens for small lists (agencies, users, audit entries): a position plus a fingerprint of the
/// query, so a token is refused when replayed with other filters (AIP-158).
/// </summary>
internal static class OffsetPageTokens
{
    public static string Encode(long position, params object?[] query) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"p1:{position.ToString(CultureInfo.InvariantCulture)}:{Fingerprint(query)}"));

    public static long Decode(string? token, params object?[] query)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts.Length == 3 && parts[0] == "p1" && parts[2] == Fingerprint(query)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var position))
            {
                return position;
            }
        }
        catch (FormatException)
        {
            // Reported below like any other unusable token.
        }

        throw RpcErrors.InvalidArgument("INVALID_PAGE_TOKEN", "分页标记无效，或与本次查询条件不一致，请从第一页重新查询。",
            new FieldViolation("page_token", "分页标记无效或与查询条件不一致"));
    }

    /// <summary>AIP-158: negative is an error, 0 is the default, more than the maximum is clamped.</summary>
    public static int PageSize(int requested, int defaultSize, int maxSize)
    {
        if (requested < 0)
        {
            throw RpcErrors.InvalidArgument("INVALID_PAGE_SIZE", $"每页条数不能为负数（收到 {requested}）。",
                new FieldViolation("page_size", "不能为负数"));
        }

        return requested == 0 ? defaultSize : Math.Min(requested, maxSize);
    }

    private static string Fingerprint(object?[] query)
    {
        var text = string.Join("|", query.Select(q => Convert.ToString(q, CultureInfo.InvariantCulture) ?? "-"));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
