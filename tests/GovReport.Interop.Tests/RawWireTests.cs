using System.IO.Compression;
using Google.Protobuf;
using GovReport.Api.Testing.V1;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>
/// Wire details no client library shows its user, checked byte by byte with the raw HTTP/2 client: the compressed
/// flag and grpc-encoding of responses, and encoding negotiation.
/// </summary>
[Collection(InteropCollection.Name)]
public sealed class RawWireTests(InteropServerFixture fixture)
{
    private const string EchoPath = "/govreport.testing.v1.EchoService/Echo";

    [Fact]
    public async Task Echo_GzipRequestAcceptingGzip_ResponseIsGzipCompressed()
    {
        var text = string.Concat(Enumerable.Repeat("政府信息公开工作年度报告", 200));
        var message = new EchoRequest { Text = text }.ToByteArray();
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(message);
        }

        await using var connection = await RawHttp2Connection.ConnectAsync(fixture.Plain.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath, false, ("grpc-encoding", "gzip"), ("grpc-accept-encoding", "gzip"));
        await connection.SendDataAsync(stream.Id, RawHttp2Connection.GrpcFrame(compressed.ToArray(), compressed: true), endStream: true);
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(stream.GrpcStatus == 0, stream.ToString());
        Assert.Contains(("grpc-encoding", "gzip"), stream.HeaderBlocks[0]);
        var data = stream.Data.ToArray();
        Assert.Equal(1, data[0]); // compressed flag
        Assert.True(data.Length < message.Length, $"response of {data.Length} bytes is not smaller than the {message.Length}-byte message");
        using var inflate = new GZipStream(new MemoryStream(data, 5, data.Length - 5), CompressionMode.Decompress);
        Assert.Equal(text, EchoResponse.Parser.ParseFrom(inflate).Text);
    }

    [Fact]
    public async Task Echo_UnknownGrpcEncoding_UnimplementedListingSupportedEncodings()
    {
        await using var connection = await RawHttp2Connection.ConnectAsync(fixture.Plain.Port);
        var stream = await connection.SendRequestHeadersAsync(EchoPath, false, ("grpc-encoding", "snappy"));
        await connection.SendDataAsync(stream.Id, RawHttp2Connection.GrpcFrame([0x0A, 0x01, 0x78], compressed: true), endStream: true);
        await stream.Ended.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.True(stream.GrpcStatus == 12, stream.ToString());
        var accepted = stream.HeaderBlocks[^1].FirstOrDefault(h => h.Name == "grpc-accept-encoding").Value;
        Assert.Contains("gzip", accepted ?? string.Empty, StringComparison.Ordinal);
    }
}
