using System.Runtime.CompilerServices;
using GovReport.Grpc.Internal;

namespace GovReport.Grpc;

/// <summary>What every client call exposes besides its messages.</summary>
public interface IClientCall : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The final status; valid once the call has ended.</summary>
    Status GetStatus();

    /// <summary>The trailers; valid once the call has ended.</summary>
    Metadata GetTrailers();
}

public sealed class AsyncUnaryCall<TResp> : IClientCall
{
    private readonly IClientCallCore _core;

    internal AsyncUnaryCall(IClientCallCore core, Task<TResp> response)
    {
        _core = core;
        ResponseAsync = response;
    }

    public Task<TResp> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _core.ResponseHeadersAsync;

    public TaskAwaiter<TResp> GetAwaiter() => ResponseAsync.GetAwaiter();

    public Status GetStatus() => _core.GetStatus();

    public Metadata GetTrailers() => _core.GetTrailers();

    public void Dispose() => _core.Dispose();
}

public sealed class AsyncServerStreamingCall<TResp> : IClientCall
{
    private readonly IClientCallCore _core;

    internal AsyncServerStreamingCall(IClientCallCore core)
    {
        _core = core;
        ResponseStream = (IAsyncStreamReader<TResp>)core;
    }

    public IAsyncStreamReader<TResp> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _core.ResponseHeadersAsync;

    public Status GetStatus() => _core.GetStatus();

    public Metadata GetTrailers() => _core.GetTrailers();

    public void Dispose() => _core.Dispose();
}

public sealed class AsyncClientStreamingCall<TReq, TResp> : IClientCall
{
    private readonly IClientCallCore _core;

    internal AsyncClientStreamingCall(IClientCallCore core, Task<TResp> response)
    {
        _core = core;
        RequestStream = (IClientStreamWriter<TReq>)core;
        ResponseAsync = response;
    }

    public IClientStreamWriter<TReq> RequestStream { get; }

    public Task<TResp> ResponseAsync { get; }

    public Task<Metadata> ResponseHeadersAsync => _core.ResponseHeadersAsync;

    public TaskAwaiter<TResp> GetAwaiter() => ResponseAsync.GetAwaiter();

    public Status GetStatus() => _core.GetStatus();

    public Metadata GetTrailers() => _core.GetTrailers();

    public void Dispose() => _core.Dispose();
}

public sealed class AsyncDuplexStreamingCall<TReq, TResp> : IClientCall
{
    private readonly IClientCallCore _core;

    internal AsyncDuplexStreamingCall(IClientCallCore core)
    {
        _core = core;
        RequestStream = (IClientStreamWriter<TReq>)core;
        ResponseStream = (IAsyncStreamReader<TResp>)core;
    }

    public IClientStreamWriter<TReq> RequestStream { get; }

    public IAsyncStreamReader<TResp> ResponseStream { get; }

    public Task<Metadata> ResponseHeadersAsync => _core.ResponseHeadersAsync;

    public Status GetStatus() => _core.GetStatus();

    public Metadata GetTrailers() => _core.GetTrailers();

    public void Dispose() => _core.Dispose();
}
