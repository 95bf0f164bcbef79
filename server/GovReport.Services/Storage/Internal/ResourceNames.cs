using System.Globalization;
using System.Text;
using GovReport.Grpc;

namespace GovReport.Services.Storage.Internal;

/// <summary>Parses and formats AIP resource names: agencies/{id}, agencies/{id}/reports/{year}, users/{id}, users/{id}/tokens/{id}.</summary>
internal static class ResourceNames
{
    public static string Agency(long id) => "agencies/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Report(long agencyId, int year) => Agency(agencyId) + "/reports/" + year.ToString(CultureInfo.InvariantCulture);

    public static string User(long id) => "users/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Token(long userId, long tokenId) => User(userId) + "/tokens/" + tokenId.ToString(CultureInfo.InvariantCulture);

    public static long ParseAgency(string? name, string field)
    {
        var parts = Split(name);
        if (parts.Length == 2 && parts[0] == "agencies" && TryId(parts[1], out var id))
        {
            return id;
        }

        throw Invalid(field, name, "agencies/{机关编号}");
    }

    /// <summary>"" or "agencies/-" = no agency filter.</summary>
    public static long? ParseAgencyOrAll(string? name, string field) =>
        string.IsNullOrEmpty(name) || name == "agencies/-" ? null : ParseAgency(name, field);

    public static (long AgencyId, int Year) ParseReport(string? name, string field)
    {
        var parts = Split(name);
        if (parts.Length == 4 && parts[0] == "agencies" && parts[2] == "reports" && TryId(parts[1], out var agencyId)
            && int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return (agencyId, year);
        }

        throw Invalid(field, name, "agencies/{机关编号}/reports/{年度}");
    }

    public static long ParseUser(string? name, string field)
    {
        var parts = Split(name);
        if (parts.Length == 2 && parts[0] == "users" && TryId(parts[1], out var id))
        {
            return id;
        }

        throw Invalid(field, name, "users/{用户编号}");
    }

    public static (long UserId, long TokenId) ParseToken(string? name, string field)
    {
        var parts = Split(name);
        if (parts.Length == 4 && parts[0] == "users" && parts[2] == "tokens" && TryId(parts[1], out var userId) && TryId(parts[3], out var tokenId))
        {
            return (userId, tokenId);
        }

        throw Invalid(field, name, "users/{用户编号}/tokens/{令牌编号}");
    }

    /// <summary>Reads the comment id from "…/comments/{id}" (or a bare id).</summary>
    public static long ParseCommentId(string name, string field)
    {
        var last = name[(name.LastIndexOf('/') + 1)..];
        return TryId(last, out var id) ? id : throw Invalid(field, name, "agencies/{机关编号}/reports/{年度}/comments/{评论编号}");
    }

    private static string[] Split(string? name) => string.IsNullOrEmpty(name) ? [] : name.Split('/');

    private static bool TryId(string text, out long id) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    private static RpcException Invalid(string field, string? value, string pattern)
    {
        var shown = string.IsNullOrEmpty(value) ? "（空）" : Shorten(value);
        return RpcErrors.InvalidArgument("INVALID_NAME", $"{field} 的值“{shown}”不是有效的资源名称，应为 {pattern}。",
            new FieldViolation(field, "应为 " + pattern));
    }

    private static string Shorten(string value)
    {
        if (value.Length <= 80)
        {
            return value;
        }

        var builder = new StringBuilder(value, 0, 80, 83);
        return builder.Append('…').ToString();
    }
}
