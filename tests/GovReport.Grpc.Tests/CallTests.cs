using System.Text;
using Google.Protobuf;
using GovReport.Api.Testing.V1;

namespace GovReport.Grpc.Tests;

/// <summary>The four call kinds, metadata, rich errors, gzip and size limits through the real channel and host.</summary>
public sealed class CallTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string Echo = "/govreport.testing.v1.EchoService/Echo";
    private const string Expand = "/govreport.testing.v1.EchoService/Expand";
    private const string Collect = "/govreport.testing.v1.EchoService/Collect";
    private const string Chat = "/govreport.testing.v1.EchoService/Chat";

    private GrpcChannel Channel => fixture.Server.Channel;

    [Fact]
    public async Task UnaryAsync_Echo_ReturnsRequestText()
    {
        var response = await Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "你好, gRPC" });

        Assert.Equal("你好, gRPC", response.Text);
    }

    [Fact]
    public async Task ServerStreaming_Expand_ReturnsCountCopiesInOrder()
    {
        using var call = Channel.ServerStreaming<ExpandRequest, ExpandResponse>(Expand, new ExpandRequest { Text = "x", Count = 5 });
        var indexes = new List<int>();
        while (await call.ResponseStream.MoveNext())
        {
            Assert.Equal("x", call.ResponseStream.Current.Text);
            indexes.Add(call.ResponseStream.Current.Index);
        }

        Assert.Equal([0, 1, 2, 3, 4], indexes);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task ClientStreaming_Collect_ConcatenatesAllRequests()
    {
        using var call = Channel.ClientStreaming<CollectRequest, CollectResponse>(Collect);
        foreach (var piece in new[] { "政府", "信息", "公开" })
        {
            await call.RequestStream.WriteAsync(new CollectRequest { Text = piece });
        }
        await call.RequestStream.CompleteAsync();
        var response = await call.ResponseAsync;

        Assert.Equal("政府信息公开", response.Text);
        Assert.Equal(3, response.Count);
    }

    [Fact]
    public async Task DuplexStreaming_Chat_EchoesEachMessageBeforeTheNextIsSent()
    {
        using var call = Channel.DuplexStreaming<ChatRequest, ChatResponse>(Chat);
        for (var i = 0; i < 3; i++)
        {
            await call.RequestStream.WriteAsync(new ChatRequest { Text = "m" + i });
            Assert.True(await call.ResponseStream.MoveNext());
            Assert.Equal("m" + i, call.ResponseStream.Current.Text);
        }
        await call.RequestStream.CompleteAsync();

        Assert.False(await call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_HandlerThrowsRichError_ClientGetsStatusAndDetails()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { FailWithCode = (int)StatusCode.InvalidArgument }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("按请求返回错误", error.Status.Detail);
        var info = error.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("govreport.v1", info.Domain);
        Assert.Equal("ECHO_REQUESTED_FAILURE", info.Type);
        var badRequest = error.GetDetail<Google.Rpc.BadRequest>();
        Assert.NotNull(badRequest);
        Assert.Equal("fail_with_code", Assert.Single(badRequest.FieldViolations).Field);
        Assert.Equal((int)StatusCode.InvalidArgument, error.GetRpcStatus()!.Code);
    }

    [Fact]
    public async Task ServerStreaming_FailsAfterMessages_StatusInTrailersAfterData()
    {
        using var call = Channel.ServerStreaming<ExpandRequest, ExpandResponse>(Expand, new ExpandRequest { Text = "x", Count = 2, FailWithCode = (int)StatusCode.FailedPrecondition });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.True(await call.ResponseStream.MoveNext());

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.NotNull(error.GetDetail<Google.Rpc.BadRequest>());
    }

    [Fact]
    public async Task Unary_MetadataEcho_HeadersAndTrailersRoundTripIncludingBinary()
    {
        var binary = new byte[] { 0, 1, 2, 250, 255 };
        var headers = new Metadata { { "x-echo", "plain value" }, { "x-echo-bin", binary } };
        using var call = Channel.Unary<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "m" }, new CallOptions(Headers: headers));
        await call.ResponseAsync;
        var responseHeaders = await call.ResponseHeadersAsync;
        var trailers = call.GetTrailers();

        Assert.Equal("plain value", responseHeaders.GetValue("x-echo"));
        Assert.Equal(binary, responseHeaders.GetValueBytes("x-echo-bin"));
        Assert.Equal("plain value", trailers.GetValue("x-echo-trailer"));
        Assert.Equal(binary, trailers.GetValueBytes("x-echo-trailer-bin"));
        Assert.Null(trailers.Get("grpc-status"));
    }

    [Fact]
    public async Task GetRequestHeader_BeforeAndAfterRequestHeaders_SameValueAndReservedKeysHidden()
    {
        var (server, probe) = await ProbeServer.StartProbeAsync();
        await using (server)
        {
            using var cancellation = new CancellationTokenSource();
            var binary = new byte[] { 0, 1, 2, 250, 255 };
            var headers = new Metadata { { "x-one", "second" }, { "x-raw-bin", binary } };
            var call = server.Channel.UnaryAsync<EchoRequest, EchoResponse>(
                Echo, new EchoRequest(), new CallOptions(Headers: headers, CancellationToken: cancellation.Token));
            var context = await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

            // Read one key at a time first (the per-call fast path), then through the full decoded set.
            var lazyText = context.GetRequestHeader("x-one")?.Value;
            var lazyBytes = context.GetRequestHeader("x-raw-bin")?.ValueBytes;
            Assert.Null(context.GetRequestHeader("content-type"));
            Assert.Null(context.GetRequestHeader("x-absent"));
            Assert.Equal(context.RequestHeaders.Get("x-one")?.Value, lazyText);
            Assert.Equal("second", lazyText);
            Assert.Equal(binary, lazyBytes);
            Assert.Equal(binary, context.GetRequestHeader("x-raw-bin")?.ValueBytes);
            Assert.Null(context.GetRequestHeader("te"));

            cancellation.Cancel();
            await Assert.ThrowsAsync<RpcException>(() => call);
        }
    }

    [Fact]
    public async Task UnaryAsync_Compressed_GzipBothDirections()
    {
        var text = new string('政', 2000);
        var response = await Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = text }, new CallOptions(Compress: true));

        Assert.Equal(text, response.Text);
    }

    [Fact]
    public async Task DuplexStreaming_Compressed_EveryMessageRoundTrips()
    {
        using var call = Channel.DuplexStreaming<ChatRequest, ChatResponse>(Chat, new CallOptions(Compress: true));
        await call.RequestStream.WriteAsync(new ChatRequest { Text = "一" });
        await call.RequestStream.WriteAsync(new ChatRequest { Text = "二" });
        await call.RequestStream.CompleteAsync();
        var texts = new List<string>();
        while (await call.ResponseStream.MoveNext())
        {
            texts.Add(call.ResponseStream.Current.Text);
        }

        Assert.Equal(["一", "二"], texts);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverServerLimit_ResourceExhausted()
    {
        var payload = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { PayloadBytes = payload }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverClientLimit_ResourceExhausted()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { PayloadBytes = ByteString.CopyFrom(new byte[2048]) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverClientSendLimit_ResourceExhaustedWithoutSending()
    {
        using var channel = GrpcChannel.ForAddress(fixture.Server.Address, new GrpcChannelOptions { MaxSendMessageSize = 16 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = new string('x', 64) }));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }

    [Fact]
    public async Task UnaryAsync_UnknownMethod_Unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync<EchoRequest, EchoResponse>("/govreport.testing.v1.EchoService/Nope", new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("Nope", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_UnknownService_Unimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync<EchoRequest, EchoResponse>("/no.such.Service/Echo", new EchoRequest()));

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("no.such.Service", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_ManyConcurrentCalls_AllSucceed()
    {
        var calls = Enumerable.Range(0, 200).Select(i =>
            Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        var responses = await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 200).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), responses.Select(r => r.Text));
    }

    [Fact]
    public async Task UnaryAsync_StatusMessageWithNonAscii_PercentEncodedOnTheWireDecodedByClient()
    {
        var raw = await fixture.Server.SendRawAsync("/govreport.testing.v1.EchoService/Echo", TestServer.Frame(new EchoRequest { FailWithCode = 9 }.ToByteArray()));

        Assert.Equal("9", raw.GrpcStatus);
        var wire = raw.IsTrailersOnly ? raw.Headers["grpc-message"] : raw.Trailers["grpc-message"];
        Assert.StartsWith("%E6%8C%89", wire, StringComparison.Ordinal);
        Assert.Equal("按请求返回错误", Internal.MetadataCodec.PercentDecode(wire));
        Assert.Equal(Encoding.ASCII.GetByteCount(wire), wire.Length);
    }
}

public sealed class LongStreamTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    [Fact]
    public async Task ClientStreaming_MoreThanKestrelBodyLimitInTotal_AllMessagesArrive()
    {
        // 10 × 3.5 MB = 35 MB: above Kestrel's default 30 MB body limit, each message under the 4 MiB limit.
        var chunk = ByteString.CopyFrom(new byte[3_500_000]);
        using var call = fixture.Server.Channel.ClientStreaming<CollectRequest, CollectResponse>("/govreport.testing.v1.EchoService/Collect");
        for (var i = 0; i < 10; i++)
        {
            await call.RequestStream.WriteAsync(new CollectRequest { Text = "x", PayloadBytes = chunk });
        }
        await call.RequestStream.CompleteAsync();

        var response = await call.ResponseAsync;
        Assert.Equal(10, response.Count);
    }
}
