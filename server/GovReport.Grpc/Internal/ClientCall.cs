using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace GovReport.Grpc.Internal;

internal interface IClientCallCore : IDisposable
{
    Task<Metadata> ResponseHeadersAsync { get; }

    Status GetStatus();

    Metadata GetTrailers();
}

/// <summary>One client call over one HTTP/2 stream; also the response reader and request writer.</summary>
internal sealed class ClientCall<TReq, TResp> : IClientCallCore, IAsyncStreamReader<TResp>, IClientStreamWriter<TReq>
    where TReq : class, IMessage<TReq>
    where TResp : class, IMessage<TResp>, new()
{
    private static readonly MessageParser<TResp> Parser = new(() => new TResp());
    private static readonly MediaTypeHeaderValue GrpcContentType = new("application/grpc");

    private readonly GrpcChannel _channel;
    private readonly string _method;
    private readonly CallOptions _options;
    private readonly CancellationTokenSource _cts;
    private readonly CancellationTokenSource? _deadlineCts;
    private readonly TaskCompletionSource<Metadata> _headers = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly byte[] _prefix = new byte[Framing.HeaderSize];
    private readonly bool _compress;
    private Task<HttpResponseMessage>? _responseTask;
    private HttpResponseMessage? _response;
    private Stream? _body;
    private PushContent? _push;
    private bool _responseGzip;
    private Status? _status;
    private Metadata? _trailers;
    private RpcException? _failure;
    private bool _released;

    public ClientCall(GrpcChannel channel, string method, CallOptions options)
    {
        _channel = channel;
        _method = method.StartsWith('/') ? method : "/" + method;
        _options = options;
        _compress = options.Compress || channel.Options.CompressRequests;
        if (options.Deadline is { } deadline)
        {
            var remaining = deadline.ToUniversalTime() - DateTime.UtcNow;
            _deadlineCts = new CancellationTokenSource(remaining > TimeSpan.Zero ? Min(remaining, TimeSpan.FromDays(20)) : TimeSpan.Zero);
            _cts = CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken, _deadlineCts.Token);
        }
        else
        {
            _cts = options.CancellationToken.CanBeCanceled
                ? CancellationTokenSource.CreateLinkedTokenSource(options.CancellationToken)
                : new CancellationTokenSource();
        }
    }

    public TResp Current { get; private set; } = null!;

    public Task<Metadata> ResponseHeadersAsync => _headers.Task;

    public void StartWithRequest(TReq request)
    {
        byte[] frame;
        try
        {
            frame = Framing.ToFrame(request, _channel.MaxSendMessageSize, _compress);
        }
        catch (RpcException exception)
        {
            _responseTask = Task.FromException<HttpResponseMessage>(exception);
            return;
        }
        var content = new ByteArrayContent(frame);
        content.Headers.ContentType = GrpcContentType;
        _responseTask = Send(content);
    }

    public void StartStreaming()
    {
        _push = new PushContent();
        _push.Headers.ContentType = GrpcContentType;
        _responseTask = Send(_push);
    }

    private Task<HttpResponseMessage> Send(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_channel.Address, _method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;
        headers.TryAddWithoutValidation("te", "trailers");
        headers.TryAddWithoutValidation("user-agent", "govreport-grpc-dotnet/1.0");
        headers.TryAddWithoutValidation("grpc-accept-encoding", Framing.SupportedEncodings);
        if (_compress)
        {
            headers.TryAddWithoutValidation("grpc-encoding", Framing.Gzip);
        }
        if (_options.Deadline is { } deadline)
        {
            headers.TryAddWithoutValidation("grpc-timeout", EncodeTimeout(deadline.ToUniversalTime() - DateTime.UtcNow));
        }
        if (_options.Headers is { } metadata)
        {
            MetadataCodec.AddTo(headers, metadata);
        }
        if (_deadlineCts is { IsCancellationRequested: true })
        {
            request.Dispose();
            return Task.FromException<HttpResponseMessage>(new OperationCanceledException(_cts.Token));
        }
        return _channel.Invoker.SendAsync(request, _cts.Token);
    }

    private async ValueTask<bool> EnsureResponseAsync()
    {
        if (_response is not null || _status is not null)
        {
            return _body is not null;
        }
        HttpResponseMessage response;
        try
        {
            response = await _responseTask!.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
        _response = response;
        var headerMetadata = MetadataCodec.FromHttpHeaders(response.Headers, includeStatusDetails: false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            _headers.TrySetResult(headerMetadata);
            throw Fail(new Status(FromHttpStatus(response.StatusCode), $"Bad gRPC response. HTTP status code: {(int)response.StatusCode}"), new Metadata());
        }
        if (response.Headers.TryGetValues("grpc-status", out _))
        {
            // Trailers-Only: the status arrived in the only HEADERS frame.
            _headers.TrySetResult(headerMetadata);
            _status = ReadStatus(response.Headers);
            _trailers = MetadataCodec.FromHttpHeaders(response.Headers, includeStatusDetails: true);
            return false;
        }
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is null || !mediaType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase))
        {
            _headers.TrySetResult(headerMetadata);
            throw Fail(new Status(StatusCode.Unknown, $"Bad gRPC response. Invalid content-type value: {mediaType}"), new Metadata());
        }
        if (response.Headers.TryGetValues("grpc-encoding", out var encodings))
        {
            var encoding = string.Join(",", encodings);
            if (encoding.Equals(Framing.Gzip, StringComparison.OrdinalIgnoreCase))
            {
                _responseGzip = true;
            }
            else if (!encoding.Equals(Framing.Identity, StringComparison.OrdinalIgnoreCase))
            {
                _headers.TrySetResult(headerMetadata);
                throw Fail(new Status(StatusCode.Internal, $"Unsupported grpc-encoding '{encoding}' in response."), new Metadata());
            }
        }
        _headers.TrySetResult(headerMetadata);
        try
        {
            _body = await response.Content.ReadAsStreamAsync(_cts.Token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
        return true;
    }

    /// <summary>The next response message, or null at the end of the stream (status then known).</summary>
    private async ValueTask<TResp?> ReadMessageAsync(CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            throw _failure;
        }
        if (!await EnsureResponseAsync().ConfigureAwait(false) || _status is not null)
        {
            return null;
        }
        using var registration = cancellationToken.CanBeCanceled ? cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _cts) : default;
        try
        {
            var read = await _body!.ReadAtLeastAsync(_prefix, Framing.HeaderSize, throwOnEndOfStream: false, _cts.Token).ConfigureAwait(false);
            if (read == 0)
            {
                FinishFromTrailers();
                return null;
            }
            if (read < Framing.HeaderSize)
            {
                throw Fail(new Status(StatusCode.Internal, "Incomplete message prefix in response."), new Metadata());
            }
            var flag = _prefix[0];
            var length = BinaryPrimitives.ReadUInt32BigEndian(_prefix.AsSpan(1));
            if (flag > 1)
            {
                throw Fail(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in response."), new Metadata());
            }
            if (length > (uint)_channel.MaxReceiveMessageSize)
            {
                throw Fail(new Status(StatusCode.ResourceExhausted, $"收到的消息大小 {length} 字节超过上限 {_channel.MaxReceiveMessageSize} 字节 (Received message exceeds the maximum configured message size)."), new Metadata());
            }
            var buffer = ArrayPool<byte>.Shared.Rent((int)length);
            try
            {
                await _body.ReadExactlyAsync(buffer.AsMemory(0, (int)length), _cts.Token).ConfigureAwait(false);
                return Framing.Parse(Parser, new ReadOnlySequence<byte>(buffer, 0, (int)length), flag == 1, _responseGzip, _channel.MaxReceiveMessageSize, "Failed to deserialize response message: ");
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
        catch (RpcException exception)
        {
            if (_failure is null)
            {
                throw Fail(exception.Status, exception.Trailers);
            }
            throw;
        }
        catch (EndOfStreamException)
        {
            throw Fail(new Status(StatusCode.Internal, "Incomplete message in response."), new Metadata());
        }
        catch (Exception exception)
        {
            throw Fail(exception);
        }
    }

    public async Task<TResp> ReadUnaryResponseAsync()
    {
        try
        {
            var message = await ReadMessageAsync(default).ConfigureAwait(false);
            if (message is null)
            {
                ThrowIfNotOk();
                throw Fail(new Status(StatusCode.Internal, "Failed to deserialize response message: no message received."), _trailers ?? new Metadata());
            }
            var extra = await ReadMessageAsync(default).ConfigureAwait(false);
            if (extra is not null)
            {
                throw Fail(new Status(StatusCode.Internal, "More than one response message received for a unary call."), new Metadata());
            }
            ThrowIfNotOk();
            return message;
        }
        finally
        {
            // A unary call is over once its response (or error) is known: free the stream, the timer and the
            // registration on the caller's token now (UnaryAsync callers never dispose the call).
            ReleaseResources();
        }
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken = default)
    {
        TResp? message;
        try
        {
            message = await ReadMessageAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ReleaseResources();
            throw;
        }
        if (message is not null)
        {
            Current = message;
            return true;
        }
        ReleaseResources();
        ThrowIfNotOk();
        return false;
    }

    public async Task WriteAsync(TReq message, CancellationToken cancellationToken = default)
    {
        if (_failure is not null)
        {
            throw _failure;
        }
        if (_status is not null)
        {
            throw new InvalidOperationException("The call has already ended; the request stream cannot be written.");
        }
        var frame = Framing.ToFrame(message, _channel.MaxSendMessageSize, _compress);
        var stream = await _push!.GetStreamAsync(_cts.Token).ConfigureAwait(false);
        try
        {
            var write = WriteFrameAsync(stream, frame, cancellationToken);
            if (!write.IsCompleted && await Task.WhenAny(write, _responseTask!).ConfigureAwait(false) != write)
            {
                // The response came first. If it ended the call (Trailers-Only error, e.g. RESOURCE_EXHAUSTED from
                // the 5-byte prefix), the server has stopped reading and the write may wait forever for window.
                await EnsureResponseAsync().ConfigureAwait(false);
                if (_status is { StatusCode: not StatusCode.OK })
                {
                    _ = write.ContinueWith(static t => _ = t.Exception, CancellationToken.None,
                        TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                    ThrowIfNotOk();
                }
            }
            await write.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not RpcException)
        {
            // The server may have ended the call (e.g. RESOURCE_EXHAUSTED before reading our body) and reset the
            // request stream: report the status it sent, not the broken write.
            if (await Task.WhenAny(_responseTask!, Task.Delay(200)).ConfigureAwait(false) == _responseTask && _responseTask.IsCompletedSuccessfully)
            {
                // Throws the server's status when the response was Trailers-Only or an HTTP error.
                await EnsureResponseAsync().ConfigureAwait(false);
                if (_status is { StatusCode: not StatusCode.OK })
                {
                    ThrowIfNotOk();
                }
                // The server answered and stopped reading (it may still be sending): the call itself is fine and
                // its outcome comes from the response side.
                throw new InvalidOperationException("Can't write the message because the call is complete.");
            }
            throw Fail(exception);
        }
    }

    private static async Task WriteFrameAsync(Stream stream, ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task CompleteAsync()
    {
        _push?.Complete();
        return Task.CompletedTask;
    }

    public Status GetStatus() => _status ?? throw new InvalidOperationException("The call has not ended yet.");

    public Metadata GetTrailers() => _trailers ?? throw new InvalidOperationException("The call has not ended yet.");

    public void Dispose()
    {
        if (_status is null && !_released)
        {
            _status = new Status(StatusCode.Cancelled, "The call was disposed.");
            _trailers ??= new Metadata();
            _cts.Cancel();
        }
        ReleaseResources();
    }

    private void ReleaseResources()
    {
        if (_released)
        {
            return;
        }
        _released = true;
        _push?.Complete();
        _response?.Dispose();
        _cts.Dispose();
        _deadlineCts?.Dispose();
    }

    private void ThrowIfNotOk()
    {
        if (_status is { StatusCode: not StatusCode.OK } status)
        {
            _failure ??= CreateException(status, _trailers ?? new Metadata());
            throw _failure;
        }
    }

    private void FinishFromTrailers()
    {
        var trailers = _response!.TrailingHeaders;
        _trailers = MetadataCodec.FromHttpHeaders(trailers, includeStatusDetails: true);
        _status = trailers.TryGetValues("grpc-status", out _)
            ? ReadStatus(trailers)
            : new Status(StatusCode.Internal, "No grpc-status found on response.");
    }

    private static Status ReadStatus(HttpHeaders headers)
    {
        var code = headers.TryGetValues("grpc-status", out var codes) ? codes.FirstOrDefault() : null;
        var message = headers.TryGetValues("grpc-message", out var messages) ? MetadataCodec.PercentDecode(messages.FirstOrDefault() ?? "") : "";
        if (!int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return new Status(StatusCode.Unknown, $"Invalid grpc-status '{code}'. {message}");
        }
        return new Status((StatusCode)value, message);
    }

    private RpcException Fail(Exception exception)
    {
        if (exception is RpcException rpc)
        {
            return Fail(rpc.Status, rpc.Trailers);
        }
        if (_failure is not null)
        {
            return _failure;
        }
        Status status;
        if (_deadlineCts is { IsCancellationRequested: true })
        {
            status = new Status(StatusCode.DeadlineExceeded, "Deadline Exceeded");
        }
        else if (_options.CancellationToken.IsCancellationRequested || exception is OperationCanceledException)
        {
            status = new Status(StatusCode.Cancelled, "Call canceled by the client.");
        }
        else if (exception is HttpRequestException { InnerException: HttpProtocolException protocol })
        {
            status = new Status(protocol.ErrorCode == 8 ? StatusCode.Cancelled : StatusCode.Internal, "HTTP/2 error: " + protocol.Message);
        }
        else if (exception is HttpRequestException)
        {
            status = new Status(StatusCode.Unavailable, "Error starting gRPC call: " + exception.Message);
        }
        else if (exception is HttpProtocolException protocolException)
        {
            status = new Status(protocolException.ErrorCode == 8 ? StatusCode.Cancelled : StatusCode.Internal, "HTTP/2 error: " + protocolException.Message);
        }
        else if (exception is IOException)
        {
            status = new Status(StatusCode.Unavailable, "Error reading response: " + exception.Message);
        }
        else
        {
            status = new Status(StatusCode.Internal, "Error in gRPC call: " + exception.Message);
        }
        return Fail(status, new Metadata());
    }

    private RpcException Fail(Status status, Metadata trailers)
    {
        if (_failure is not null)
        {
            return _failure;
        }
        _status ??= status;
        _trailers ??= trailers;
        _failure = CreateException(_status.Value, _trailers);
        if (_headers.TrySetException(_failure))
        {
            // Nobody may ever look at the headers task; keep its exception observed.
            _ = _headers.Task.Exception;
        }
        _push?.Complete();
        if (!_released)
        {
            _cts.Cancel();
        }
        return _failure;
    }

    private static RpcException CreateException(Status status, Metadata trailers)
    {
        Google.Rpc.Status? rich = null;
        if (trailers.GetValueBytes(RpcException.StatusDetailsTrailer) is { } bytes)
        {
            try
            {
                rich = Google.Rpc.Status.Parser.ParseFrom(bytes);
            }
            catch (InvalidProtocolBufferException)
            {
                rich = null;
            }
        }
        return new RpcException(status, trailers, rich);
    }

    private static StatusCode FromHttpStatus(HttpStatusCode code) => (int)code switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>grpc-timeout: at most 8 digits and a unit.</summary>
    internal static string EncodeTimeout(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }
        var ms = (long)Math.Ceiling(timeout.TotalMilliseconds);
        if (ms < 100_000_000)
        {
            return ms.ToString(CultureInfo.InvariantCulture) + "m";
        }
        var seconds = (long)Math.Ceiling(timeout.TotalSeconds);
        if (seconds < 100_000_000)
        {
            return seconds.ToString(CultureInfo.InvariantCulture) + "S";
        }
        return Math.Min((long)Math.Ceiling(timeout.TotalHours), 99_999_999).ToString(CultureInfo.InvariantCulture) + "H";
    }

    /// <summary>Request body written message by message by the caller (client and duplex streaming).</summary>
    private sealed class PushContent : HttpContent
    {
        private readonly TaskCompletionSource<Stream> _stream = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<Stream> GetStreamAsync(CancellationToken cancellationToken) => _stream.Task.WaitAsync(cancellationToken);

        public void Complete() => _done.TrySetResult();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            _stream.TrySetResult(stream);
            return _done.Task;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            _stream.TrySetResult(stream);
            return _done.Task.WaitAsync(cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
