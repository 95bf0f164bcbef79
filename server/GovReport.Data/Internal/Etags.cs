using System.Security.Cryptography;

namespace GovReport.Data.Internal;

internal static class Etags
{
    /// <summary>A fresh random etag: unpredictable, so a stale client can never guess the next one.</summary>
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
}
