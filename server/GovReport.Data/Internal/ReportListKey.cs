using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace GovReport.Data.Internal;

/// <summary>
/// Where a report list page ended: the sort key of its last report, whatever the order (each order reads the fields it
/// sorts by). The next page starts strictly after this key, so rows added, changed or deleted meanwhile never shift a
/// page the way an offset would; a row whose key changed is listed where it now sorts.
/// </summary>
internal sealed record ReportListKey(long Id, long AgencyId, string AgencyName, int Year, long UpdatedTicks, int StateRank, int ErrorCount,
    int WarningCount)
{
    private const string Version = "k1";

    /// <summary>An opaque page token: the key and the query's fingerprint (a token only continues the query it came from).</summary>
    public string Encode(string fingerprint)
    {
        var name = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(AgencyName));
        var text = string.Join(':', Version, fingerprint, Number(Id), Number(AgencyId), name, Number(Year), Number(UpdatedTicks),
            Number(StateRank), Number(ErrorCount), Number(WarningCount));
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
    }

    /// <summary>The key in <paramref name="token"/>, or null for the first page; INVALID_ARGUMENT for a token of another query.</summary>
    public static ReportListKey? Decode(string? token, string fingerprint)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split(':');
            if (parts.Length == 10 && parts[0] == Version && parts[1] == fingerprint
                && TryLong(parts[2], out var id) && TryLong(parts[3], out var agencyId) && TryLong(parts[5], out var year)
                && TryLong(parts[6], out var ticks) && TryLong(parts[7], out var rank) && TryLong(parts[8], out var errors)
                && TryLong(parts[9], out var warnings))
            {
                var name = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[4]));
                return new ReportListKey(id, agencyId, name, (int)year, ticks, (int)rank, (int)errors, (int)warnings);
            }
        }
        catch (FormatException)
        {
            // Reported below like any other unusable token.
        }

        throw new InvalidStoreArgumentException("page_token", "分页标记无效，或与本次查询条件不一致，请从第一页重新查询");
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static bool TryLong(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
