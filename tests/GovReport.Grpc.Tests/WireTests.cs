using System.IO.Compression;
using System.Net;
using Google.Protobuf;
using GovReport.Api.Testing.V1;

namespace GovReport.Grpc.Tests;

/// <summary>Wire-level behaviour checked with hand-built HTTP/2 requests.</summary>
public sealed class WireTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string EchoPath = "/govreport.testing.v1.EchoService/Echo";

    private TestServer Server => fixture.Server;

    private static byte[] EchoFrame(string text) => TestServer.Frame(new EchoRequest { Text = text }.ToByteArray());

    [Fact]
    public async Task Unary_Success_HeadersDataThenTrailersWithStatusZero()
    {
        var raw = await Server.SendRawAsync(EchoPath, EchoFrame("hi"));

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.Equal("application/grpc", raw.Headers["content-type"]);
        Assert.False(raw.IsTrailersOnly);
        Assert.Equal("0", raw.Trailers["grpc-status"]);
        Assert.Equal(0, raw.Body[0]);
        Assert.Equal("hi", EchoResponse.Parser.ParseFrom(raw.Body.AsSpan(5).ToArray()).Text);
    }

    [Fact]
    public async Task Request_WrongContentType_Http415()
    {
        var raw = await Server.SendRawAsync(EchoPath, EchoFrame("hi"), contentType: "application/json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, raw.StatusCode);
    }

    [Fact]
    public async Task Request_GrpcProtoContentType_Accepted()
    {
        var raw = await Server.SendRawAsync(EchoPath, EchoFrame("hi"), contentType: "application/grpc+proto");

        Assert.Equal("0", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_Http11OnCleartextEndpoint_UpgradeRequired()
    {
        var raw = await Server.SendRawAsync(EchoPath, EchoFrame("hi"), version: HttpVersion.Version11);

        Assert.Equal(HttpStatusCode.UpgradeRequired, raw.StatusCode);
        Assert.Null(raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_UnknownMethod_TrailersOnlyUnimplementedHttp200()
    {
        var raw = await Server.SendRawAsync("/govreport.testing.v1.EchoService/Missing", EchoFrame("hi"));

        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        Assert.True(raw.IsTrailersOnly);
        Assert.Equal("12", raw.Headers["grpc-status"]);
        Assert.Empty(raw.Body);
    }

    [Fact]
    public async Task Request_UnsupportedEncoding_UnimplementedListingSupported()
    {
        var raw = await Server.SendRawAsync(EchoPath, TestServer.Frame([1, 2, 3], compressed: true), headers: new Dictionary<string, string> { ["grpc-encoding"] = "snappy" });

        Assert.Equal("12", raw.GrpcStatus);
        Assert.Equal("identity,gzip", raw.Headers["grpc-accept-encoding"]);
    }

    [Fact]
    public async Task Request_CompressedFlagWithoutEncoding_Internal()
    {
        var raw = await Server.SendRawAsync(EchoPath, TestServer.Frame(new EchoRequest { Text = "x" }.ToByteArray(), compressed: true));

        Assert.Equal("13", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_GzipWithAcceptEncoding_ResponseIsGzipCompressed()
    {
        var payload = new EchoRequest { Text = "压缩" }.ToByteArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(payload);
        }
        var headers = new Dictionary<string, string> { ["grpc-encoding"] = "gzip", ["grpc-accept-encoding"] = "gzip" };

        var raw = await Server.SendRawAsync(EchoPath, TestServer.Frame(compressed.ToArray(), compressed: true), headers: headers);

        Assert.Equal("0", raw.GrpcStatus);
        Assert.Equal("gzip", raw.Headers["grpc-encoding"]);
        Assert.Equal(1, raw.Body[0]);
        using var inflated = new GZipStream(new MemoryStream(raw.Body, 5, raw.Body.Length - 5), CompressionMode.Decompress);
        Assert.Equal("压缩", EchoResponse.Parser.ParseFrom(inflated).Text);
    }

    [Fact]
    public async Task Request_GarbageProtobuf_InternalUnmarshalError()
    {
        var raw = await Server.SendRawAsync(EchoPath, TestServer.Frame([0xFF, 0xFF, 0xFF, 0xFF, 0xFF]));

        Assert.Equal("13", raw.GrpcStatus);
        Assert.Contains("unmarshalling", Internal.MetadataCodec.PercentDecode(raw.Headers["grpc-message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_PrefixAnnouncesHugeMessage_ResourceExhaustedBeforeBuffering()
    {
        // Only the 5-byte prefix is sent: the limit is checked before waiting for the payload.
        var raw = await Server.SendRawAsync(EchoPath, [0, 0x7F, 0xFF, 0xFF, 0xFF]);

        Assert.Equal("8", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_TruncatedMessage_Internal()
    {
        var frame = EchoFrame("truncated");

        var raw = await Server.SendRawAsync(EchoPath, frame[..^2]);

        Assert.Equal("13", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_TwoMessagesForUnary_Internal()
    {
        var raw = await Server.SendRawAsync(EchoPath, [.. EchoFrame("a"), .. EchoFrame("b")]);

        Assert.Equal("13", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_EmptyBodyForUnary_Internal()
    {
        var raw = await Server.SendRawAsync(EchoPath, []);

        Assert.Equal("13", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_UnpaddedBinaryMetadata_Accepted()
    {
        // base64 of {1,2,3,4} is "AQIDBA==": the spec requires accepting it without padding.
        var raw = await Server.SendRawAsync(EchoPath, EchoFrame("m"), headers: new Dictionary<string, string> { ["x-echo-bin"] = "AQIDBA" });

        Assert.Equal("0", raw.GrpcStatus);
        Assert.Equal(Convert.ToBase64String(new byte[] { 1, 2, 3, 4 }), raw.Headers["x-echo-bin"]);
    }

    [Fact]
    public async Task Request_MalformedTimeout_Internal()
    {
        var raw = await Server.SendRawAsync(EchoPath, EchoFrame("m"), headers: new Dictionary<string, string> { ["grpc-timeout"] = "12x" });

        Assert.Equal("13", raw.GrpcStatus);
    }

    [Fact]
    public async Task Request_TimeoutHandlerIgnoresToken_ServerSendsDeadlineExceeded()
    {
        // No client-side deadline here: the status must come from the server's own timer.
        var frame = TestServer.Frame(new EchoRequest { DelayMs = 3000, IgnoreCancellation = true }.ToByteArray());

        var raw = await Server.SendRawAsync(EchoPath, frame, headers: new Dictionary<string, string> { ["grpc-timeout"] = "100m" });

        Assert.Equal("4", raw.GrpcStatus);
    }

    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1000u", 10_000L)]
    [InlineData("99999999n", 999_999L)]
    public void TryParseTimeout_ValidUnits_Parsed(string value, long expectedTicks)
    {
        Assert.True(Internal.ServerCall<EchoRequest, EchoResponse>.TryParseTimeout(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("123456789m")]
    [InlineData("-1S")]
    [InlineData("10x")]
    public void TryParseTimeout_Invalid_Rejected(string value)
    {
        Assert.False(Internal.ServerCall<EchoRequest, EchoResponse>.TryParseTimeout(value, out _));
    }

    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("50%", "50%25")]
    [InlineData("报告", "%E6%8A%A5%E5%91%8A")]
    [InlineData("line\nbreak", "line%0Abreak")]
    public void PercentEncode_Message_FollowsSpecAndRoundTrips(string message, string wire)
    {
        Assert.Equal(wire, Internal.MetadataCodec.PercentEncode(message));
        Assert.Equal(message, Internal.MetadataCodec.PercentDecode(wire));
    }
}
