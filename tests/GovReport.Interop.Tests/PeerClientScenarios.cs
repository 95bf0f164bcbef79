using System.Text.Json;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>
/// The scenario list every peer client runs against the real server, one scenario per test; the subclasses run the
/// same scenario names through a client stack nobody here wrote and assert on the JSON it prints.
/// </summary>
public abstract class PeerClientScenarios(InteropServerFixture fixture)
{
    protected InteropServerFixture Fixture => fixture;

    [Fact]
    public async Task Echo_Unary_EchoesChineseText()
    {
        var result = await RunAsync("unary");
        Assert.Equal("你好，政府信息公开", result.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Expand_ServerStreaming_ReturnsAllMessagesInOrder()
    {
        var result = await RunAsync("server_streaming");
        Assert.Equal(Enumerable.Repeat("报告", 5), Strings(result, "texts"));
        Assert.Equal([0, 1, 2, 3, 4], result.GetProperty("indexes").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Collect_ClientStreaming_ConcatenatesAllMessages()
    {
        var result = await RunAsync("client_streaming");
        Assert.Equal("一二三", result.GetProperty("text").GetString());
        Assert.Equal(3, result.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Chat_BidiPingPong_AnswersEachMessageWhileStreamOpen()
    {
        var result = await RunAsync("bidi");
        Assert.Equal(["第1条", "第2条", "第3条"], Strings(result, "texts"));
    }

    [Fact]
    public async Task Echo_FailWithCode_DecodesBadRequestFromStatusDetails()
    {
        var result = await RunAsync("error_details");
        Assert.Equal("INVALID_ARGUMENT", result.GetProperty("code").GetString());
        Assert.Equal(3, result.GetProperty("status_code").GetInt32());
        Assert.Equal(result.GetProperty("details").GetString(), result.GetProperty("status_message").GetString());
        Assert.Contains("type.googleapis.com/google.rpc.BadRequest", Strings(result, "detail_types"));
        Assert.Contains("type.googleapis.com/google.rpc.ErrorInfo", Strings(result, "detail_types"));
        Assert.Equal("govreport.v1", result.GetProperty("error_info").GetProperty("domain").GetString());
        Assert.Matches("^[A-Z][A-Z0-9_]*$", result.GetProperty("error_info").GetProperty("reason").GetString());
        var violation = Assert.Single(result.GetProperty("violations").EnumerateArray());
        Assert.False(string.IsNullOrEmpty(violation.GetProperty("field").GetString()));
        Assert.False(string.IsNullOrEmpty(violation.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Echo_DeadlineShorterThanHandler_DeadlineExceeded()
    {
        var result = await RunAsync("deadline");
        Assert.Equal("DEADLINE_EXCEEDED", result.GetProperty("code").GetString());
    }

    [Fact]
    public async Task UnknownMethodOrService_Unimplemented()
    {
        var result = await RunAsync("unimplemented");
        foreach (var code in result.GetProperty("codes").EnumerateObject())
        {
            Assert.True(code.Value.GetString() == "UNIMPLEMENTED", $"{code.Name}: {code.Value}");
        }
    }

    [Fact]
    public async Task Echo_Metadata_RoundTripsInHeadersAndTrailersIncludingBinary()
    {
        var result = await RunAsync("metadata");
        var headers = result.GetProperty("headers");
        var trailers = result.GetProperty("trailers");
        Assert.Equal("hello-metadata", headers.GetProperty("x-echo").GetString());
        Assert.Equal("hello-metadata", trailers.GetProperty("x-echo-trailer").GetString());
        // x-echo-bin (00 01 02 FE FF) comes back byte for byte, in the headers or the trailers.
        var binary = headers.TryGetProperty("x-echo-bin", out var h) ? h : trailers.GetProperty("x-echo-bin");
        Assert.Equal(Convert.ToBase64String([0, 1, 2, 0xFE, 0xFF]), binary.GetString());
    }

    [Fact]
    public async Task Echo_GzipCompressedRequest_Succeeds()
    {
        var result = await RunAsync("gzip");
        Assert.Equal("gz", result.GetProperty("text").GetString());
        Assert.True(result.GetProperty("payload_equal").GetBoolean());
    }

    [Fact]
    public async Task Echo_RequestOverLimit_ResourceExhaustedAndConnectionUsable()
    {
        var result = await RunAsync("oversized");
        Assert.Equal("RESOURCE_EXHAUSTED", result.GetProperty("code").GetString());
        Assert.Equal("after", result.GetProperty("after").GetString());
    }

    [Fact]
    public async Task HealthCheck_Serving()
    {
        var result = await RunAsync("health");
        Assert.Equal("0801", result.GetProperty("response_hex").GetString());
    }

    [Fact]
    public async Task ListTemplates_BearerToken_AnswersAndWithoutTokenUnauthenticated()
    {
        var result = await RunAsync("token");
        Assert.Equal(["templates/2019", "templates/2021"], Strings(result, "names"));
        var refused = result.GetProperty("without_token");
        Assert.Equal("UNAUTHENTICATED", refused.GetProperty("code").GetString());
        Assert.Equal("TOKEN_MISSING", refused.GetProperty("error_info").GetProperty("reason").GetString());
        Assert.Contains("缺少访问令牌", refused.GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Echo_Tls_TrustsSelfSignedRoot()
    {
        var result = await RunAsync("tls", Fixture.Tls, Fixture.CaPem);
        Assert.Equal("你好，政府信息公开", result.GetProperty("text").GetString());
    }

    private static IEnumerable<string?> Strings(JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(e => e.GetString()).ToList();

    /// <summary>Runs one scenario against <paramref name="server"/> (default: the h2c server), trusting <paramref name="ca"/> for TLS.</summary>
    private protected abstract Task<JsonElement> RunAsync(string scenario, ServerProcess? server = null, string? ca = null);
}
