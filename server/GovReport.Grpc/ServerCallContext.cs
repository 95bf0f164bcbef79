using Microsoft.AspNetCore.Http;

namespace GovReport.Grpc;

/// <summary>Per-call server state handed to handlers and interceptors.</summary>
public class ServerCallContext
{
    private Metadata? _requestHeaders;
    private Metadata? _responseTrailers;
    private Dictionary<object, object?>? _items;
    private string? _peer;

    /// <summary>For unit tests of handlers outside a server: a context over an empty HttpContext.</summary>
    public ServerCallContext(string method, Metadata? requestHeaders = null, CancellationToken cancellationToken = default, IServiceProvider? services = null, DateTime? deadline = null)
    {
        Method = method;
        HttpContext = new DefaultHttpContext();
        if (services is not null)
        {
            HttpContext.RequestServices = services;
        }
        _requestHeaders = requestHeaders ?? new Metadata();
        CancellationToken = cancellationToken;
        Deadline = deadline;
    }

    internal ServerCallContext(HttpContext httpContext, string method)
    {
        HttpContext = httpContext;
        Method = method;
    }

    /// <summary>"/package.Service/Method".</summary>
    public string Method { get; }

    /// <summary>"ipv4:127.0.0.1:12345" / "ipv6:[::1]:12345", as grpc-core formats it.</summary>
    public string Peer => _peer ??= FormatPeer(HttpContext);

    /// <summary>The deadline from grpc-timeout (UTC), or null.</summary>
    public DateTime? Deadline { get; private protected set; }

    /// <summary>Cancelled when the client cancels or resets the stream, the deadline passes, or the server stops.</summary>
    public CancellationToken CancellationToken { get; private protected set; }

    /// <summary>Request metadata (reserved gRPC/HTTP headers excluded; "-bin" values decoded).</summary>
    public Metadata RequestHeaders => _requestHeaders ??= Internal.MetadataCodec.FromRequestHeaders(HttpContext.Request.Headers);

    /// <summary>
    /// The last value of one request metadata key, or null: what <c>RequestHeaders.Get(key)</c> returns, without
    /// decoding every other header of the call into a <see cref="Metadata"/> (for a handler that looks up a key on
    /// every call).
    /// </summary>
    public Metadata.Entry? GetRequestHeader(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_requestHeaders is not null)
        {
            return _requestHeaders.Get(key);
        }
        if (Internal.MetadataCodec.IsReserved(key) || !HttpContext.Request.Headers.TryGetValue(key, out var values))
        {
            return null;
        }
        var one = new Metadata();
        foreach (var value in values)
        {
            Internal.MetadataCodec.AddDecoded(one, key.ToLowerInvariant(), value ?? "");
        }
        return one.Get(key);
    }

    /// <summary>Trailers sent with the status when the call ends.</summary>
    public Metadata ResponseTrailers => _responseTrailers ??= new Metadata();

    /// <summary>Status sent when the handler returns normally (default OK).</summary>
    public Status Status { get; set; }

    /// <summary>Per-call bag, e.g. the principal set by an authentication interceptor.</summary>
    public IDictionary<object, object?> Items => _items ??= [];

    /// <summary>The call's DI scope.</summary>
    public IServiceProvider Services => HttpContext.RequestServices;

    public HttpContext HttpContext { get; }

    internal Metadata? ResponseTrailersOrNull => _responseTrailers;

    /// <summary>Sends response headers now (at most once, before the first message).</summary>
    public virtual Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        Internal.MetadataCodec.AddTo(HttpContext.Response.Headers, responseHeaders);
        return Task.CompletedTask;
    }

    private static string FormatPeer(HttpContext httpContext)
    {
        var connection = httpContext.Connection;
        var address = connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"ipv6:[{address}]:{connection.RemotePort}"
            : $"ipv4:{address}:{connection.RemotePort}";
    }
}
