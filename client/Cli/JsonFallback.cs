using System.Text.Encodings.Web;
using System.Text.Json;

namespace GovReport.Client.Cli;

/// <summary>One-line JSON of a checked report when no API response is available (direct in-process check).</summary>
internal static class JsonFallback
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        WriteIndented = false,
    };

    public static string Format(CheckedReport report) => JsonSerializer.Serialize(report, Options);
}
