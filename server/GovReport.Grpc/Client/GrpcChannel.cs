using System.Net;
using Google.Protobuf;
using GovReport.Grpc.Internal;

namespace GovReport.Grpc;

/// <summary>
/// Client side of the transport: gRPC over HTTP/2 on <see cref="SocketsHttpHandler"/>. h2c (prior knowledge)
/// for http:// addresses, TLS + ALPN h2 for https://. Thread-safe; create one per server and reuse it.
/// </summary>
public sealed class GrpcChannel : IDisposable
{
    private readonly HttpMessageInvoker _invoker;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        Address = address;
        Options = options;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSendMessageSize = options.MaxSendMessageSize ?? int.MaxValue;
        var handler = options.HttpHandler ?? new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.WithActiveRequests,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(10),
        };
        _invoker = new HttpMessageInvoker(handler, options.HttpHandler is null || options.DisposeHttpHandler);
    }

    public Uri Address { get; }

    internal GrpcChannelOptions Options { get; }

    internal int MaxReceiveMessageSize { get; }

    internal int MaxSendMessageSize { get; }

    internal HttpMessageInvoker Invoker => _invoker;

    /// <summary>A channel to <paramref name="address"/> ("http://127.0.0.1:5080" or "https://host:port").</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        if (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps)
        {
            throw new ArgumentException($"Address '{address}' must use http:// (h2c) or https:// (TLS).", nameof(address));
        }
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    /// <summary>Unary call; throws <see cref="RpcException"/> on a non-OK status.</summary>
    public Task<TResp> UnaryAsync<TReq, TResp>(string fullMethod, TReq request, CallOptions options = default)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new() =>
        Unary<TReq, TResp>(fullMethod, request, options).ResponseAsync;

    /// <summary>Unary call exposing response headers, status and trailers.</summary>
    public AsyncUnaryCall<TResp> Unary<TReq, TResp>(string fullMethod, TReq request, CallOptions options = default)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new()
    {
        var call = new ClientCall<TReq, TResp>(this, fullMethod, options);
        call.StartWithRequest(request);
        return new AsyncUnaryCall<TResp>(call, call.ReadUnaryResponseAsync());
    }

    public AsyncServerStreamingCall<TResp> ServerStreaming<TReq, TResp>(string fullMethod, TReq request, CallOptions options = default)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new()
    {
        var call = new ClientCall<TReq, TResp>(this, fullMethod, options);
        call.StartWithRequest(request);
        return new AsyncServerStreamingCall<TResp>(call);
    }

    public AsyncClientStreamingCall<TReq, TResp> ClientStreaming<TReq, TResp>(string fullMethod, CallOptions options = default)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new()
    {
        var call = new ClientCall<TReq, TResp>(this, fullMethod, options);
        call.StartStreaming();
        return new AsyncClientStreamingCall<TReq, TResp>(call, call.ReadUnaryResponseAsync());
    }

    public AsyncDuplexStreamingCall<TReq, TResp> DuplexStreaming<TReq, TResp>(string fullMethod, CallOptions options = default)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new()
    {
        var call = new ClientCall<TReq, TResp>(this, fullMethod, options);
        call.StartStreaming();
        return new AsyncDuplexStreamingCall<TReq, TResp>(call);
    }

    public void Dispose() => _invoker.Dispose();
}
