using GovReport.Api.Testing.V1;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Grpc.Tests;

/// <summary>Echo handler that throws plain exceptions and reports what the interceptors put in Items.</summary>
[GrpcService("govreport.testing.v1.EchoService")]
public sealed class ThrowingEchoHandler
{
    public Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) => request.Text switch
    {
        "missing" => throw new KeyNotFoundException("report 42"),
        "boom" => throw new InvalidOperationException("secret internal detail"),
        _ => Task.FromResult(new EchoResponse { Text = context.Items.TryGetValue("user", out var user) ? (string)user! : "anonymous" }),
    };

    public Task Expand(ExpandRequest request, IServerStreamWriter<ExpandResponse> responses, ServerCallContext context) => Task.CompletedTask;

    public Task<CollectResponse> Collect(IAsyncStreamReader<CollectRequest> requests, ServerCallContext context) => Task.FromResult(new CollectResponse());

    public Task Chat(IAsyncStreamReader<ChatRequest> requests, IServerStreamWriter<ChatResponse> responses, ServerCallContext context) => Task.CompletedTask;
}

public sealed class KeyNotFoundMapper : IExceptionMapper
{
    public RpcException? Map(Exception exception) =>
        exception is KeyNotFoundException ? RpcErrors.NotFound("REPORT_NOT_FOUND", "找不到该报告") : null;
}

/// <summary>A scoped interceptor: rejects "x-deny" callers, otherwise records the user for the handler.</summary>
public sealed class TestAuthInterceptor : IServerInterceptor
{
    public async ValueTask InterceptAsync(ServerCallContext context, Func<ValueTask> next)
    {
        if (context.RequestHeaders.Get("x-deny") is not null)
        {
            throw RpcErrors.PermissionDenied("DENIED", "无权访问");
        }
        context.Items["user"] = context.RequestHeaders.GetValue("x-user") ?? "anonymous";
        await next();
    }
}

/// <summary>Runs second: proves the order and that both wrap the handler.</summary>
public sealed class SuffixInterceptor : IServerInterceptor
{
    public ValueTask InterceptAsync(ServerCallContext context, Func<ValueTask> next)
    {
        if (context.Items.TryGetValue("user", out var user))
        {
            context.Items["user"] = user + "+checked";
        }
        return next();
    }
}

public sealed class PipelineTests
{
    private const string Echo = "/govreport.testing.v1.EchoService/Echo";

    private static Task<TestServer> StartAsync() => TestServer.StartAsync(ProbeServer.Build(
        options => options.HandlerTypes.Add(typeof(ThrowingEchoHandler)),
        services =>
        {
            services.AddScoped<IServerInterceptor, TestAuthInterceptor>();
            services.AddSingleton<IServerInterceptor, SuffixInterceptor>();
            services.AddSingleton<IExceptionMapper, KeyNotFoundMapper>();
        }));

    [Fact]
    public async Task Interceptors_RunInRegistrationOrder_HandlerSeesItems()
    {
        await using var server = await StartAsync();

        var response = await server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "hi" }, new CallOptions(Headers: new Metadata { { "x-user", "alice" } }));

        Assert.Equal("alice+checked", response.Text);
    }

    [Fact]
    public async Task Interceptor_ThrowsRpcException_CallEndsWithItsStatus()
    {
        await using var server = await StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "hi" }, new CallOptions(Headers: new Metadata { { "x-deny", "1" } })));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("DENIED", error.GetDetail<Google.Rpc.ErrorInfo>()!.Type);
    }

    [Fact]
    public async Task Handler_ThrowsMappedException_MapperDecidesStatus()
    {
        await using var server = await StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "missing" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("找不到该报告", error.Status.Detail);
    }

    [Fact]
    public async Task Handler_ThrowsUnmappedException_InternalWithGenericMessage()
    {
        await using var server = await StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest { Text = "boom" }));

        Assert.Equal(StatusCode.Internal, error.StatusCode);
        Assert.DoesNotContain("secret", error.Status.Detail, StringComparison.Ordinal);
    }
}

/// <summary>Echo accepts 8 MiB requests; the other methods keep the 4 MiB default.</summary>
[GrpcService("govreport.testing.v1.EchoService")]
public sealed class LargeUploadEchoHandler
{
    [MaxReceiveMessageSize(8 * 1024 * 1024)]
    public Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) =>
        Task.FromResult(new EchoResponse { Text = request.PayloadBytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) });

    public Task Expand(ExpandRequest request, IServerStreamWriter<ExpandResponse> responses, ServerCallContext context) => Task.CompletedTask;

    public async Task<CollectResponse> Collect(IAsyncStreamReader<CollectRequest> requests, ServerCallContext context)
    {
        var count = 0;
        while (await requests.MoveNext())
        {
            count++;
        }
        return new CollectResponse { Count = count };
    }

    public Task Chat(IAsyncStreamReader<ChatRequest> requests, IServerStreamWriter<ChatResponse> responses, ServerCallContext context) => Task.CompletedTask;
}

public sealed class MessageSizeAttributeTests
{
    [Fact]
    public async Task MaxReceiveMessageSize_OnMethod_RaisesOnlyThatMethodsLimit()
    {
        await using var server = await TestServer.StartAsync(ProbeServer.Build(options => options.HandlerTypes.Add(typeof(LargeUploadEchoHandler))));
        var payload = Google.Protobuf.ByteString.CopyFrom(new byte[5 * 1024 * 1024]);

        var echo = await server.Channel.UnaryAsync<EchoRequest, EchoResponse>("/govreport.testing.v1.EchoService/Echo", new EchoRequest { PayloadBytes = payload });
        Assert.Equal((5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), echo.Text);

        using var collect = server.Channel.ClientStreaming<CollectRequest, CollectResponse>("/govreport.testing.v1.EchoService/Collect");
        try
        {
            await collect.RequestStream.WriteAsync(new CollectRequest { PayloadBytes = payload });
            await collect.RequestStream.CompleteAsync();
        }
        catch (RpcException writeError)
        {
            // The server may reject the message before the client has finished writing it.
            Assert.Equal(StatusCode.ResourceExhausted, writeError.StatusCode);
        }
        var error = await Assert.ThrowsAsync<RpcException>(() => collect.ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("超过上限", error.Status.Detail, StringComparison.Ordinal);
    }
}

/// <summary>Collect answers after the first message without reading the rest.</summary>
[GrpcService("govreport.testing.v1.EchoService")]
public sealed class EarlyAnswerEchoHandler
{
    public Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context) => Task.FromResult(new EchoResponse());

    public Task Expand(ExpandRequest request, IServerStreamWriter<ExpandResponse> responses, ServerCallContext context) => Task.CompletedTask;

    public async Task<CollectResponse> Collect(IAsyncStreamReader<CollectRequest> requests, ServerCallContext context)
    {
        await requests.MoveNext();
        return new CollectResponse { Text = "early", Count = 1 };
    }

    public Task Chat(IAsyncStreamReader<ChatRequest> requests, IServerStreamWriter<ChatResponse> responses, ServerCallContext context) => Task.CompletedTask;
}

public sealed class EarlyResponseTests
{
    [Fact]
    public async Task ClientStreaming_ServerAnswersBeforeRequestStreamEnds_ResponseStillDelivered()
    {
        await using var server = await TestServer.StartAsync(ProbeServer.Build(options => options.HandlerTypes.Add(typeof(EarlyAnswerEchoHandler))));
        using var call = server.Channel.ClientStreaming<CollectRequest, CollectResponse>("/govreport.testing.v1.EchoService/Collect");
        await call.RequestStream.WriteAsync(new CollectRequest { Text = "a" });

        var response = await call.ResponseAsync;
        Assert.Equal("early", response.Text);
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
        // Writing now may fail locally, but never turns the finished call into an error.
        try
        {
            for (var i = 0; i < 50; i++)
            {
                await call.RequestStream.WriteAsync(new CollectRequest { PayloadBytes = Google.Protobuf.ByteString.CopyFrom(new byte[64 * 1024]) });
            }
        }
        catch (InvalidOperationException)
        {
        }
        Assert.Equal(StatusCode.OK, call.GetStatus().StatusCode);
    }
}
