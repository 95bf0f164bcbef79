using System.Text;
using System.Text.Json;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>
/// `buf curl` (connect-go's gRPC client) against the real server, with the schema taken from server reflection only:
/// no --schema, no protos on the client side. This is the command-line recipe of docs/integration.md.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class BufCurlTests(InteropServerFixture fixture)
{
    private const string Echo = "/govreport.testing.v1.EchoService/";
    private const string Templates = "/govreport.v1.TemplateService/";
    private const string Reports = "/govreport.v1.ReportService/";

    [Fact]
    public async Task Echo_Unary_ThroughReflection()
    {
        var result = await CurlAsync(["--data", """{"text":"你好，政府信息公开"}"""], Echo + "Echo");
        Assert.Equal("你好，政府信息公开", Single(result).GetProperty("text").GetString());
    }

    [Theory]
    [InlineData("grpc-v1")]
    [InlineData("grpc-v1alpha")]
    public async Task ListServices_EachReflectionProtocol_ListsEchoAndHealth(string protocol)
    {
        var result = await RunAsync(
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "--reflect-protocol", protocol, "--list-services", fixture.Plain.BaseUrl]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var services = result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("govreport.testing.v1.EchoService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task ListTemplates_BearerTokenHeader_ThroughReflection()
    {
        var result = await CurlAsync(["-H", "authorization: Bearer " + fixture.Plain.AdminToken, "--data", "{}"], Templates + "ListTemplates");
        var names = Single(result).GetProperty("templates").EnumerateArray().Select(t => t.GetProperty("name").GetString());
        Assert.Equal(["templates/2019", "templates/2021"], names);
    }

    [Fact]
    public async Task ListTemplates_NoToken_UnauthenticatedTokenMissing()
    {
        var result = await RunAsync(BaseArguments(["--data", "{}"], Templates + "ListTemplates"));
        Assert.NotEqual(0, result.ExitCode);
        using var error = JsonDocument.Parse(JsonPart(result.StdErr));
        Assert.Equal("unauthenticated", error.RootElement.GetProperty("code").GetString());
        Assert.Contains("缺少访问令牌", error.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HealthCheck_Serving()
    {
        var result = await CurlAsync(["--data", "{}"], "/grpc.health.v1.Health/Check");
        Assert.Equal("SERVING", Single(result).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Expand_ServerStreaming_PrintsEveryMessage()
    {
        var result = await CurlAsync(["--data", """{"text":"报告","count":3}""", "--emit-defaults"], Echo + "Expand");
        var messages = Documents(result);
        Assert.Equal(["报告", "报告", "报告"], messages.Select(m => m.GetProperty("text").GetString()));
        Assert.Equal([0, 1, 2], messages.Select(m => m.GetProperty("index").GetInt32()));
    }

    [Fact]
    public async Task Collect_ClientStreamingFromStdin_Concatenates()
    {
        var result = await CurlAsync(["--data", "@-"], Echo + "Collect", stdin: """{"text":"一"} {"text":"二"} {"text":"三"}""");
        var reply = Single(result);
        Assert.Equal("一二三", reply.GetProperty("text").GetString());
        Assert.Equal(3, reply.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Chat_BidiFromStdin_EchoesEachMessage()
    {
        var result = await CurlAsync(["--data", "@-"], Echo + "Chat", stdin: """{"text":"甲"} {"text":"乙"}""");
        Assert.Equal(["甲", "乙"], Documents(result).Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Echo_FailWithCode_PrintsStatusWithBadRequestDetail()
    {
        var result = await RunAsync(BaseArguments(["--data", """{"text":"x","failWithCode":3}"""], Echo + "Echo"));
        Assert.NotEqual(0, result.ExitCode);
        // buf curl prints the error status as JSON on stderr, details included.
        using var error = JsonDocument.Parse(JsonPart(result.StdErr));
        Assert.Equal("invalid_argument", error.RootElement.GetProperty("code").GetString());
        var types = error.RootElement.GetProperty("details").EnumerateArray().Select(d => d.GetProperty("type").GetString());
        Assert.Contains("google.rpc.BadRequest", types);
    }

    [Fact]
    public async Task Echo_TimeoutShorterThanHandler_DeadlineExceeded()
    {
        // buf refuses a hand-written grpc-timeout header; --timeout sets the call deadline, which it sends as
        // grpc-timeout. (That the server ends such a call itself is checked with a raw client in HostileInputTests.)
        var result = await RunAsync(BaseArguments(
            ["--timeout", "300ms", "--data", """{"text":"slow","delayMs":5000}"""], Echo + "Echo"));
        Assert.NotEqual(0, result.ExitCode);
        using var error = JsonDocument.Parse(JsonPart(result.StdErr));
        Assert.Equal("deadline_exceeded", error.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownMethod_ReflectionSaysNotFound()
    {
        var result = await RunAsync(BaseArguments(["--data", "{}"], Echo + "NoSuchMethod"));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("NoSuchMethod", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_Metadata_EchoedInHeadersAndTrailers()
    {
        var result = await RunAsync(BaseArguments(["-v", "-H", "x-echo: cli-metadata", "--data", """{"text":"md"}"""], Echo + "Echo"));
        Assert.True(result.ExitCode == 0, result.ToString());
        // -v traces each HTTP/2 stream on stderr: "< (#N) Name: value" response headers, an empty "< (#N)" line, the
        // data, another empty "< (#N)" line, then the trailers. Stream N is the Echo call (reflection uses others).
        var lines = result.StdErr.Split('\n').Select(l => l.Trim()).ToList();
        var post = lines.Single(l => l.EndsWith("POST " + Echo + "Echo", StringComparison.Ordinal));
        var prefix = "buf: < " + post[(post.IndexOf('(', StringComparison.Ordinal))..(post.IndexOf(')', StringComparison.Ordinal) + 1)];
        var received = lines.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim()).ToList();
        var firstBlank = received.IndexOf(string.Empty);
        var headers = received[..firstBlank];
        var trailers = received[(received.LastIndexOf(string.Empty) + 1)..];
        Assert.Contains("X-Echo: cli-metadata", headers);
        Assert.Contains("Grpc-Status: 0", trailers);
        Assert.Contains("X-Echo-Trailer: cli-metadata", trailers);
    }

    [Fact]
    public async Task Echo_Tls_WithCaCert()
    {
        var result = await RunAsync(
            ["curl", "--protocol", "grpc", "--cacert", fixture.CaPem, "--data", """{"text":"tls"}""",
                fixture.Tls.BaseUrl + Echo + "Echo"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("tls", Single(result).GetProperty("text").GetString());
    }

    [Fact]
    public async Task UpdateReport_OneCellMaskInJson_SavesThatCell()
    {
        var auth = new[] { "-H", "authorization: Bearer " + fixture.Plain.AdminToken };
        var root = Single(await CurlAsync([.. auth, "--data", "{}"], "/govreport.v1.IdentityService/GetCurrentUser")).GetProperty("agency").GetString();
        var agency = Single(await CurlAsync([.. auth, "--data", JsonSerializer.Serialize(new
        {
            parent = root,
            agency = new { displayName = "接口测试局-" + Guid.NewGuid().ToString("N")[..8], kind = "AGENCY_KIND_DEPARTMENT" },
        })], "/govreport.v1.AgencyService/CreateAgency")).GetProperty("name").GetString();
        var created = Single(await CurlAsync([.. auth, "--data", JsonSerializer.Serialize(new
        {
            parent = agency,
            report = new { reportYear = 2025, cells = new[] { new { address = "applications.new_received.natural_person", present = true, value = "3" } } },
        })], Reports + "CreateReport"));
        var name = created.GetProperty("name").GetString();

        // In JSON a field mask path is lowerCamelCase and a dotted key goes without back-ticks (protojson accepts only
        // identifier segments); the server reads "cells.applications.new_received.natural_person" as that one cell.
        var updated = Single(await CurlAsync([.. auth, "--data", """
            {"report": {"name": "NAME", "etag": "ETAG",
                        "cells": [{"address": "applications.new_received.natural_person", "present": true, "value": "7"}]},
             "updateMask": "cells.applications.newReceived.naturalPerson", "view": "REPORT_VIEW_BASIC"}
            """.Replace("NAME", name, StringComparison.Ordinal).Replace("ETAG", created.GetProperty("etag").GetString(), StringComparison.Ordinal)],
            Reports + "UpdateReport"));
        var fetched = Single(await CurlAsync([.. auth, "--data", JsonSerializer.Serialize(new { name })], Reports + "GetReport"));

        Assert.Equal(2, updated.GetProperty("revision").GetInt32());
        Assert.False(updated.TryGetProperty("cells", out _));
        var cell = fetched.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("address").GetString() == "applications.new_received.natural_person");
        Assert.Equal("7", cell.GetProperty("value").GetString());
    }

    private List<string> BaseArguments(IEnumerable<string> extra, string path) =>
        ["curl", "--protocol", "grpc", "--http2-prior-knowledge", .. extra, fixture.Plain.BaseUrl + path];

    private async Task<ProcessResult> CurlAsync(IEnumerable<string> extra, string path, string? stdin = null)
    {
        var result = await RunAsync(BaseArguments(extra, path), stdin);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }

    private static Task<ProcessResult> RunAsync(IEnumerable<string> arguments, string? stdin = null) =>
        ProcessRunner.RunAsync(RepoPaths.RequireTool(RepoPaths.Buf), arguments, stdin,
            new Dictionary<string, string> { ["BUF_CACHE_DIR"] = Path.Combine(Path.GetTempPath(), "govreport-buf-cache") });

    private static JsonElement Single(ProcessResult result) => Assert.Single(Documents(result));

    /// <summary>buf curl prints one pretty JSON document per response message.</summary>
    private static List<JsonElement> Documents(ProcessResult result)
    {
        var documents = new List<JsonElement>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(result.StdOut), new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var document = JsonDocument.ParseValue(ref reader);
            documents.Add(document.RootElement.Clone());
        }

        return documents;
    }

    /// <summary>The JSON object in buf's stderr (after any log lines).</summary>
    private static string JsonPart(string stderr)
    {
        var start = stderr.IndexOf('{', StringComparison.Ordinal);
        Assert.True(start >= 0, stderr);
        return stderr[start..];
    }
}
