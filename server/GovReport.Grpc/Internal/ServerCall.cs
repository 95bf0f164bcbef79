using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovReport.Grpc.Internal;

/// <summary>
/// One server call: the context handed to the handler, its request reader and response writer. One object per
/// call keeps the hot path to a handful of allocations.
/// </summary>
internal sealed class ServerCall<TReq, TResp> : ServerCallContext, IAsyncStreamReader<TReq>, IServerStreamWriter<TResp>
    where TReq : class, IMessage<TReq>
    where TResp : class, IMessage<TResp>
{
    private const int KestrelBodySizeLimit = 16 * 1024 * 1024;

    private readonly ServerMethod<TReq, TResp> _method;
    private readonly ServerRuntime _runtime;
    private readonly PipeReader _reader;
    private CancellationTokenSource? _cts;
    private SemaphoreSlim? _writeLock;
    private Timer? _deadlineTimer;
    private CancellationTokenRegistration _stoppingRegistration;
    private bool _requestGzip;
    private bool _responseGzip;
    private bool _responseStarted;
    private bool _completed;
    private bool _handlerStarted;
    private int _endedEarly;
    private Task? _earlyTask;
    private Status _earlyStatus;
    private object? _handler;
    private TReq? _request;
    private TResp? _response;
    private IServerInterceptor[]? _interceptors;
    private int _interceptorIndex;
    private Func<ValueTask>? _next;

    public ServerCall(HttpContext httpContext, ServerMethod<TReq, TResp> method, ServerRuntime runtime)
        : base(httpContext, method.Path)
    {
        _method = method;
        _runtime = runtime;
        _reader = httpContext.Request.BodyReader;
    }

    public TReq Current { get; private set; } = null!;

    public async Task RunAsync()
    {
        try
        {
            ReadRequestHeaders();
            _interceptors = _runtime.GetInterceptors(HttpContext);
            _handler = _method.ResolveHandler(HttpContext);
            if (_method.Kind is MethodKind.Unary or MethodKind.ServerStreaming)
            {
                _request = await ReadSingleMessageAsync().ConfigureAwait(false);
            }
            _handlerStarted = true;
            if (_interceptors is null || _interceptors.Length == 0)
            {
                await InvokeHandlerAsync().ConfigureAwait(false);
            }
            else
            {
                await Next().ConfigureAwait(false);
            }
            await CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            try
            {
                await FailAsync(exception).ConfigureAwait(false);
            }
            catch (Exception failure)
            {
                // The stream is already broken (client gone); Kestrel resets it.
                _runtime.Logger.LogDebug(failure, "gRPC {Method}: could not send the error status", Method);
            }
        }
        finally
        {
            // 0 → 2 closes the door on the deadline/shutdown path; if it already ran (1), wait for it so it never
            // touches the HttpContext after Kestrel has recycled it.
            if (Interlocked.CompareExchange(ref _endedEarly, 2, 0) == 1)
            {
                var spin = default(SpinWait);
                Task? early;
                while ((early = Volatile.Read(ref _earlyTask)) is null)
                {
                    spin.SpinOnce();
                }
                await early.ConfigureAwait(false);
            }
            _deadlineTimer?.Dispose();
            _stoppingRegistration.Dispose();
            _cts?.Dispose();
        }
    }

    private ValueTask Next()
    {
        if (_interceptorIndex < _interceptors!.Length)
        {
            var interceptor = _interceptors[_interceptorIndex++];
            return interceptor.InterceptAsync(this, _next ??= Next);
        }
        return InvokeHandlerAsync();
    }

    private ValueTask InvokeHandlerAsync()
    {
        switch (_method.Kind)
        {
            case MethodKind.Unary:
                var unary = _method.Unary!(_handler!, _request!, this);
                if (unary.IsCompletedSuccessfully)
                {
                    _response = unary.Result;
                    return default;
                }
                return AwaitResponse(unary);
            case MethodKind.ClientStreaming:
                return AwaitResponse(_method.ClientStreaming!(_handler!, this, this));
            case MethodKind.ServerStreaming:
                return new ValueTask(_method.ServerStreaming!(_handler!, _request!, this, this));
            default:
                return new ValueTask(_method.Duplex!(_handler!, this, this, this));
        }
    }

    private async ValueTask AwaitResponse(Task<TResp> task) => _response = await task.ConfigureAwait(false);

    private void ReadRequestHeaders()
    {
        var clientStreams = _method.Kind is MethodKind.ClientStreaming or MethodKind.Duplex;
        if (clientStreams || _method.MaxReceive > KestrelBodySizeLimit)
        {
            // Our limit is per message; Kestrel's 30 MB per body would cut long streams and large uploads. Idle
            // request streams (duplex, reflection) must not trip Kestrel's minimum body data rate either.
            var features = HttpContext.Features;
            if (features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
            {
                bodySize.MaxRequestBodySize = null;
            }
            if (clientStreams && features.Get<IHttpMinRequestBodyDataRateFeature>() is { } dataRate)
            {
                dataRate.MinDataRate = null;
            }
        }
        var headers = HttpContext.Request.Headers;
        var encoding = headers.GrpcEncoding;
        if (encoding.Count > 0)
        {
            var value = encoding.ToString();
            if (value.Equals(Framing.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                _requestGzip = true;
                _responseGzip = Framing.AcceptsGzip(headers.GrpcAcceptEncoding.ToString());
            }
            else if (!value.Equals(Framing.Identity, StringComparison.OrdinalIgnoreCase))
            {
                HttpContext.Response.Headers.GrpcAcceptEncoding = ServerRuntime.SupportedEncodingsValue;
                throw new RpcException(new Status(StatusCode.Unimplemented, $"Unsupported grpc-encoding value '{value}'. Supported encodings: {Framing.SupportedEncodings}"));
            }
        }

        var streaming = _method.Kind != MethodKind.Unary;
        var timeoutHeader = headers.GrpcTimeout;
        TimeSpan? timeout = null;
        if (timeoutHeader.Count > 0)
        {
            if (!TryParseTimeout(timeoutHeader.ToString(), out var parsed))
            {
                throw new RpcException(new Status(StatusCode.Internal, $"malformed grpc-timeout: '{timeoutHeader}'"));
            }
            timeout = parsed;
        }
        if (timeout is null && !streaming)
        {
            // Fast path: nothing can end the call early except the client, so no timer, lock or linked source.
            CancellationToken = HttpContext.RequestAborted;
            return;
        }
        _cts = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted);
        CancellationToken = _cts.Token;
        _writeLock = new SemaphoreSlim(1, 1);
        if (timeout is { } due)
        {
            Deadline = DateTime.UtcNow + due;
            _deadlineTimer = new Timer(static state => ((ServerCall<TReq, TResp>)state!).EndEarly(new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded")), this, due, Timeout.InfiniteTimeSpan);
        }
        if (streaming)
        {
            // Graceful shutdown lets unary calls finish; open streams end with UNAVAILABLE.
            _stoppingRegistration = _runtime.Stopping.UnsafeRegister(static state => ((ServerCall<TReq, TResp>)state!).EndEarly(new Status(StatusCode.Unavailable, "Server is shutting down.")), this);
        }
    }

    /// <summary>grpc-timeout: 1–8 ASCII digits and a unit (H, M, S, m, u, n).</summary>
    internal static bool TryParseTimeout(string value, out TimeSpan timeout)
    {
        timeout = default;
        if (value.Length < 2 || value.Length > 9)
        {
            return false;
        }
        var digits = value.AsSpan(0, value.Length - 1);
        foreach (var c in digits)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        var amount = long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
        var ticks = value[^1] switch
        {
            'H' => amount * TimeSpan.TicksPerHour,
            'M' => amount * TimeSpan.TicksPerMinute,
            'S' => amount * TimeSpan.TicksPerSecond,
            'm' => amount * TimeSpan.TicksPerMillisecond,
            'u' => amount * 10,
            'n' => amount / 100,
            _ => -1,
        };
        if (ticks < 0)
        {
            return false;
        }
        // Timers cannot go past ~49 days; longer deadlines are effectively none.
        timeout = TimeSpan.FromTicks(Math.Min(Math.Max(ticks, 1), TimeSpan.TicksPerDay * 40));
        return true;
    }

    private async ValueTask<TReq> ReadSingleMessageAsync()
    {
        while (true)
        {
            var result = await _reader.ReadAsync(CancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var original = buffer;
            if (Framing.TryReadFrame(ref buffer, _method.MaxReceive, out var compressed, out var payload))
            {
                if (buffer.Length > 0)
                {
                    _reader.AdvanceTo(original.End);
                    throw new RpcException(new Status(StatusCode.Internal, "More than one request message received for a unary request."));
                }
                if (!result.IsCompleted)
                {
                    // Wait for END_STREAM: a unary request is exactly one message.
                    _reader.AdvanceTo(original.Start, original.End);
                    continue;
                }
                try
                {
                    return Framing.Parse(_method.Parser, payload, compressed, _requestGzip, _method.MaxReceive, "grpc: error unmarshalling request: ");
                }
                finally
                {
                    _reader.AdvanceTo(original.End);
                }
            }
            if (result.IsCompleted)
            {
                _reader.AdvanceTo(original.End);
                throw new RpcException(new Status(StatusCode.Internal, original.Length == 0
                    ? "Request stream ended without a request message."
                    : "Incomplete request message."));
            }
            _reader.AdvanceTo(original.Start, original.End);
        }
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        var token = CancellationToken;
        using var registration = cancellationToken.CanBeCanceled && _cts is not null
            ? cancellationToken.UnsafeRegister(static state => ((CancellationTokenSource)state!).Cancel(), _cts)
            : default;
        while (true)
        {
            var result = await _reader.ReadAsync(token).ConfigureAwait(false);
            var buffer = result.Buffer;
            var original = buffer;
            if (Framing.TryReadFrame(ref buffer, _method.MaxReceive, out var compressed, out var payload))
            {
                try
                {
                    Current = Framing.Parse(_method.Parser, payload, compressed, _requestGzip, _method.MaxReceive, "grpc: error unmarshalling request: ");
                }
                finally
                {
                    _reader.AdvanceTo(buffer.Start);
                }
                return true;
            }
            if (result.IsCompleted)
            {
                _reader.AdvanceTo(original.End);
                if (original.Length > 0)
                {
                    throw new RpcException(new Status(StatusCode.Internal, "Incomplete request message."));
                }
                return false;
            }
            _reader.AdvanceTo(original.Start, original.End);
        }
    }

    public async Task WriteAsync(TResp message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _writeLock!.WaitAsync(CancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new RpcException(Volatile.Read(ref _endedEarly) != 0 ? _earlyStatus : new Status(StatusCode.Cancelled, "The call has already ended."));
            }
            StartResponse();
            var writer = HttpContext.Response.BodyWriter;
            Framing.WriteMessage(writer, message, _runtime.MaxSend, _responseGzip);
            var flush = await writer.FlushAsync(CancellationToken).ConfigureAwait(false);
            if (flush.IsCanceled || flush.IsCompleted)
            {
                CancellationToken.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync(CancellationToken).ConfigureAwait(false);
        }
        try
        {
            if (_responseStarted || _completed)
            {
                throw new InvalidOperationException("Response headers can only be sent once, before the first message.");
            }
            MetadataCodec.AddTo(HttpContext.Response.Headers, responseHeaders);
            StartResponse();
            await HttpContext.Response.BodyWriter.FlushAsync(CancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    private void StartResponse()
    {
        if (_responseStarted)
        {
            return;
        }
        _responseStarted = true;
        var response = HttpContext.Response;
        response.ContentType = ServerRuntime.GrpcContentType;
        if (_responseGzip)
        {
            response.Headers.GrpcEncoding = ServerRuntime.GzipValue;
        }
    }

    /// <summary>Normal end of the handler: the response message (unary, client streaming) and the status.</summary>
    private async Task CompleteAsync()
    {
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
        }
        try
        {
            if (_completed)
            {
                return;
            }
            if (_response is not null)
            {
                // Size check first: a too-large response becomes RESOURCE_EXHAUSTED instead of a broken stream.
                Framing.WriteMessage(HttpContext.Response.BodyWriter, _response, _runtime.MaxSend, _responseGzip, StartResponse);
            }
            else if (_method.Kind is MethodKind.Unary or MethodKind.ClientStreaming)
            {
                throw new RpcException(new Status(StatusCode.Internal, "The handler returned no response message."));
            }
            _completed = true;
            var status = Status;
            if (status.StatusCode != StatusCode.OK)
            {
                LogFailure(status, null);
            }
            WriteStatus(status, null);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    private async Task FailAsync(Exception exception)
    {
        RpcException error;
        if (Volatile.Read(ref _endedEarly) != 0)
        {
            // The deadline/shutdown path already sent (or is sending) the status.
            _runtime.Logger.LogDebug(exception, "gRPC {Method}: handler ended after the call was ended with {Status}", Method, _earlyStatus.StatusCode);
            return;
        }
        if (exception is RpcException rpc)
        {
            error = rpc;
        }
        else if (HttpContext.RequestAborted.IsCancellationRequested)
        {
            _runtime.Logger.LogDebug("gRPC {Method}: cancelled by the client", Method);
            _completed = true;
            return;
        }
        else
        {
            error = Map(exception);
        }
        if (_writeLock is not null)
        {
            await _writeLock.WaitAsync().ConfigureAwait(false);
        }
        try
        {
            if (_completed)
            {
                return;
            }
            _completed = true;
            LogFailure(error.Status, exception is RpcException ? null : exception);
            WriteStatus(error.Status, error);
        }
        finally
        {
            _writeLock?.Release();
        }
    }

    private RpcException Map(Exception exception)
    {
        if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            // A unary body over Kestrel's own body limit (30 MB) is refused by Kestrel before our 5-byte prefix
            // check can see it; to the client it is the same error as a message over our limit.
            return new RpcException(new Status(StatusCode.ResourceExhausted,
                $"收到的消息超过上限 {_method.MaxReceive} 字节 (Received message exceeds the maximum configured message size)."));
        }
        try
        {
            foreach (var mapper in HttpContext.RequestServices.GetServices<IExceptionMapper>())
            {
                if (mapper.Map(exception) is { } mapped)
                {
                    return mapped;
                }
            }
        }
        catch (Exception mapperFailure)
        {
            _runtime.Logger.LogError(mapperFailure, "gRPC {Method}: an exception mapper failed", Method);
        }
        var detail = _runtime.Options.EnableDetailedErrors
            ? $"Exception was thrown by handler. {exception.GetType().Name}: {exception.Message}"
            : "Exception was thrown by handler.";
        return new RpcException(new Status(StatusCode.Internal, detail));
    }

    private void LogFailure(Status status, Exception? exception)
    {
        if (!_handlerStarted)
        {
            // Protocol errors by the client (bad message, encoding, timeout, size): Debug, so hostile floods do
            // not turn into a flood of log lines.
            _runtime.Logger.LogDebug("gRPC {Method} rejected: {StatusCode} {Detail}", Method, status.StatusCode, status.Detail);
            return;
        }
        if (exception is not null)
        {
            _runtime.Logger.LogWarning(exception, "gRPC {Method} failed: {StatusCode} {Detail}", Method, status.StatusCode, status.Detail);
        }
        else
        {
            _runtime.Logger.LogWarning("gRPC {Method} failed: {StatusCode} {Detail}", Method, status.StatusCode, status.Detail);
        }
    }

    /// <summary>Deadline or shutdown: cancel the handler and send the status now, whatever the handler does.</summary>
    private void EndEarly(Status status)
    {
        if (Interlocked.CompareExchange(ref _endedEarly, 1, 0) != 0)
        {
            return;
        }
        _earlyStatus = status;
        // Send the status first, then cancel: a handler blocked in a flush is released by the cancellation.
        Volatile.Write(ref _earlyTask, EndEarlyAsync(status));
        _cts?.Cancel();
    }

    private async Task EndEarlyAsync(Status status)
    {
        try
        {
            await _writeLock!.WaitAsync().ConfigureAwait(false);
            try
            {
                if (_completed)
                {
                    return;
                }
                _completed = true;
                LogFailure(status, null);
                WriteStatus(status, null);
                await HttpContext.Response.CompleteAsync().ConfigureAwait(false);
            }
            finally
            {
                _writeLock.Release();
            }
        }
        catch (Exception exception)
        {
            // The client may be gone already; nothing more to send.
            _runtime.Logger.LogDebug(exception, "gRPC {Method}: could not send {Status}", Method, status.StatusCode);
        }
    }

    private void WriteStatus(Status status, RpcException? error)
    {
        var response = HttpContext.Response;
        IHeaderDictionary target;
        if (!_responseStarted && !response.HasStarted)
        {
            // Trailers-Only: the status goes in the one and only HEADERS frame.
            response.ContentType = ServerRuntime.GrpcContentType;
            target = response.Headers;
        }
        else
        {
            target = HttpContext.Features.Get<IHttpResponseTrailersFeature>()!.Trailers;
        }
        target.GrpcStatus = ServerRuntime.StatusValue(status.StatusCode);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target.GrpcMessage = MetadataCodec.PercentEncode(status.Detail);
        }
        if (ResponseTrailersOrNull is { Count: > 0 } trailers)
        {
            MetadataCodec.AddTo(target, trailers);
        }
        if (error is not null)
        {
            if (error.Trailers.Count > 0)
            {
                MetadataCodec.AddTo(target, error.Trailers);
            }
            if (error.HasRichStatus && error.Trailers.Get(RpcException.StatusDetailsTrailer) is null)
            {
                AppendStatusDetails(target, error);
            }
        }
    }

    // Apart from WriteStatus so that Google.Api.CommonProtos is loaded only by calls that fail with details.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AppendStatusDetails(IHeaderDictionary target, RpcException error) =>
        target.Append(RpcException.StatusDetailsTrailer, Convert.ToBase64String(error.RichStatus!.ToByteArray()));
}
