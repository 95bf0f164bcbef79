using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovReport.Interop.Tests.Internal;

/// <summary>What the server sent on one stream.</summary>
internal sealed class RawStream
{
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RawStream(int id)
    {
        Id = id;
    }

    public int Id { get; }

    /// <summary>Each received header block (response headers, then trailers), decoded.</summary>
    public List<List<(string Name, string Value)>> HeaderBlocks { get; } = [];

    public MemoryStream Data { get; } = new();

    /// <summary>RST_STREAM error code, if the server reset the stream.</summary>
    public uint? ResetCode { get; set; }

    /// <summary>The connection ended (GOAWAY or close) before the stream did.</summary>
    public bool ConnectionLost { get; set; }

    public Task Ended => _ended.Task;

    /// <summary>grpc-status from the last header block (trailers, or a trailers-only response).</summary>
    public int? GrpcStatus => HeaderBlocks.Count == 0 ? null : Find(HeaderBlocks[^1], "grpc-status") is { } s ? int.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;

    public string? GrpcMessage => HeaderBlocks.Count == 0 ? null : Find(HeaderBlocks[^1], "grpc-message");

    public string? HttpStatus => HeaderBlocks.Count == 0 ? null : Find(HeaderBlocks[0], ":status");

    public void End() => _ended.TrySetResult();

    public override string ToString() =>
        $"stream {Id}: reset={ResetCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} lost={ConnectionLost} " +
        string.Join(" | ", HeaderBlocks.Select(b => string.Join(", ", b.Select(h => $"{h.Name}: {h.Value}")))) + $" data={Data.Length}B";

    private static string? Find(List<(string Name, string Value)> block, string name) =>
        block.FirstOrDefault(h => h.Name == name).Value;
}

/// <summary>
/// A deliberately small HTTP/2 client over a raw socket, so tests can send what no real client would: truncated
/// frames, lying length prefixes, resets mid-message, more streams than allowed, abrupt disconnects.
/// </summary>
internal sealed class RawHttp2Connection : IAsyncDisposable
{
    public const byte Data = 0x0, Headers = 0x1, RstStream = 0x3, Settings = 0x4, Ping = 0x6, GoAway = 0x7, WindowUpdate = 0x8, Continuation = 0x9;
    public const byte EndStream = 0x1, EndHeaders = 0x4, Ack = 0x1;

    private static readonly byte[] Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<int, RawStream> _streams = new();
    private readonly Hpack _decoder = new();
    private readonly TaskCompletionSource _settingsReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly int _port;
    private Task? _reader;
    private int _nextStreamId = 1;

    private RawHttp2Connection(TcpClient client, int port)
    {
        _client = client;
        _stream = client.GetStream();
        _port = port;
    }

    /// <summary>SETTINGS_MAX_CONCURRENT_STREAMS announced by the server (int.MaxValue if none).</summary>
    public int MaxConcurrentStreams { get; private set; } = int.MaxValue;

    /// <summary>The GOAWAY error code, once one arrived.</summary>
    public uint? GoAwayCode { get; private set; }

    public bool Closed { get; private set; }

    public static async Task<RawHttp2Connection> ConnectAsync(int port, bool handshake = true)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        var connection = new RawHttp2Connection(client, port);
        if (handshake)
        {
            await connection.HandshakeAsync();
        }

        return connection;
    }

    /// <summary>Preface, our SETTINGS (big window), a connection WINDOW_UPDATE, then wait for the server's SETTINGS.</summary>
    public async Task HandshakeAsync()
    {
        var settings = new byte[6];
        BinaryPrimitives.WriteUInt16BigEndian(settings, 0x4); // SETTINGS_INITIAL_WINDOW_SIZE
        BinaryPrimitives.WriteUInt32BigEndian(settings.AsSpan(2), 1 << 24);
        await WriteRawAsync(Preface);
        await WriteFrameAsync(Settings, 0, 0, settings);
        await WriteFrameAsync(WindowUpdate, 0, 0, UInt32(1 << 28));
        _reader = Task.Run(ReadLoopAsync);
        await _settingsReceived.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public int NextStreamId()
    {
        var id = Interlocked.Add(ref _nextStreamId, 2) - 2;
        return id;
    }

    public RawStream Open(int streamId) => _streams.GetOrAdd(streamId, id => new RawStream(id));

    /// <summary>Request headers of a gRPC call to <paramref name="path"/>, plus any extra ones.</summary>
    public async Task<RawStream> SendRequestHeadersAsync(string path, bool endStream = false, params (string, string)[] extra)
    {
        var id = NextStreamId();
        var stream = Open(id);
        (string, string)[] headers =
        [
            (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", $"127.0.0.1:{_port}"),
            ("content-type", "application/grpc"), ("te", "trailers"), .. extra,
        ];
        await WriteFrameAsync(Headers, (byte)(EndHeaders | (endStream ? EndStream : 0)), id, Hpack.Encode(headers));
        return stream;
    }

    public Task SendDataAsync(int streamId, ReadOnlyMemory<byte> payload, bool endStream) =>
        WriteFrameAsync(Data, endStream ? EndStream : (byte)0, streamId, payload);

    /// <summary>A complete unary gRPC call: headers, one length-prefixed message, end of stream.</summary>
    public async Task<RawStream> UnaryAsync(string path, byte[] message, TimeSpan? timeout = null)
    {
        var stream = await SendRequestHeadersAsync(path);
        await SendDataAsync(stream.Id, GrpcFrame(message), endStream: true);
        await stream.Ended.WaitAsync(timeout ?? TimeSpan.FromSeconds(30));
        return stream;
    }

    public static byte[] GrpcFrame(byte[] message, bool compressed = false)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame, 5);
        return frame;
    }

    public static byte[] UInt32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    public async Task WriteFrameAsync(byte type, byte flags, int streamId, ReadOnlyMemory<byte> payload)
    {
        var header = new byte[9];
        header[0] = (byte)(payload.Length >> 16);
        header[1] = (byte)(payload.Length >> 8);
        header[2] = (byte)payload.Length;
        header[3] = type;
        header[4] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(5), (uint)streamId);
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(header);
            await _stream.WriteAsync(payload);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Bytes straight onto the socket (for truncated frames and the preface).</summary>
    public async Task WriteRawAsync(ReadOnlyMemory<byte> bytes)
    {
        await _writeLock.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Closes the socket with a TCP RST (linger 0): the rudest way a client can vanish.</summary>
    public void Abort()
    {
        _client.LingerState = new LingerOption(true, 0);
        _client.Close();
    }

    /// <summary>Waits until the server closes the connection (or the timeout passes); true if it closed.</summary>
    public async Task<bool> WaitClosedAsync(TimeSpan timeout)
    {
        if (_reader is null)
        {
            return false;
        }

        return await Task.WhenAny(_reader, Task.Delay(timeout)) == _reader;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (_reader is not null)
        {
            await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
        }

        _writeLock.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var header = new byte[9];
        var block = new MemoryStream();
        var blockStream = 0;
        var blockEndsStream = false;
        try
        {
            while (true)
            {
                await _stream.ReadExactlyAsync(header);
                var length = (header[0] << 16) | (header[1] << 8) | header[2];
                var type = header[3];
                var flags = header[4];
                var id = (int)(BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(5)) & 0x7FFFFFFF);
                var payload = new byte[length];
                await _stream.ReadExactlyAsync(payload);
                switch (type)
                {
                    case Settings when (flags & Ack) == 0:
                        for (var i = 0; i + 6 <= payload.Length; i += 6)
                        {
                            if (BinaryPrimitives.ReadUInt16BigEndian(payload.AsSpan(i)) == 0x3)
                            {
                                MaxConcurrentStreams = (int)Math.Min(int.MaxValue, BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(i + 2)));
                            }
                        }

                        await WriteFrameAsync(Settings, Ack, 0, ReadOnlyMemory<byte>.Empty);
                        _settingsReceived.TrySetResult();
                        break;
                    case Ping when (flags & Ack) == 0:
                        await WriteFrameAsync(Ping, Ack, 0, payload);
                        break;
                    case Headers:
                        var offset = 0;
                        var end = payload.Length;
                        if ((flags & 0x8) != 0)
                        {
                            end -= payload[0];
                            offset = 1;
                        }

                        if ((flags & 0x20) != 0)
                        {
                            offset += 5;
                        }

                        block.SetLength(0);
                        block.Write(payload, offset, end - offset);
                        blockStream = id;
                        blockEndsStream = (flags & EndStream) != 0;
                        if ((flags & EndHeaders) != 0)
                        {
                            CompleteHeaderBlock(block, blockStream, blockEndsStream);
                        }

                        break;
                    case Continuation:
                        block.Write(payload);
                        if ((flags & EndHeaders) != 0)
                        {
                            CompleteHeaderBlock(block, blockStream, blockEndsStream);
                        }

                        break;
                    case Data:
                        var stream = Open(id);
                        var dataEnd = payload.Length - ((flags & 0x8) != 0 ? payload[0] : 0);
                        var dataStart = (flags & 0x8) != 0 ? 1 : 0;
                        stream.Data.Write(payload, dataStart, dataEnd - dataStart);
                        if (length > 0)
                        {
                            // Keep the connection window open; stream windows are 16 MiB, enough for any test.
                            await WriteFrameAsync(WindowUpdate, 0, 0, UInt32((uint)length));
                        }

                        if ((flags & EndStream) != 0)
                        {
                            stream.End();
                        }

                        break;
                    case RstStream:
                        var reset = Open(id);
                        reset.ResetCode = BinaryPrimitives.ReadUInt32BigEndian(payload);
                        reset.End();
                        break;
                    case GoAway:
                        var lastStream = (int)(BinaryPrimitives.ReadUInt32BigEndian(payload) & 0x7FFFFFFF);
                        GoAwayCode = BinaryPrimitives.ReadUInt32BigEndian(payload.AsSpan(4));
                        foreach (var s in _streams.Values.Where(s => s.Id > lastStream))
                        {
                            s.ConnectionLost = true;
                            s.End();
                        }

                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or ObjectDisposedException or SocketException or InvalidOperationException)
        {
            // The server (or the test) closed the connection.
        }
        finally
        {
            Closed = true;
            _settingsReceived.TrySetResult();
            foreach (var s in _streams.Values)
            {
                if (!s.Ended.IsCompleted)
                {
                    s.ConnectionLost = true;
                    s.End();
                }
            }
        }
    }

    private void CompleteHeaderBlock(MemoryStream block, int streamId, bool endStream)
    {
        var stream = Open(streamId);
        stream.HeaderBlocks.Add(_decoder.Decode(block.GetBuffer().AsSpan(0, (int)block.Length)));
        if (endStream)
        {
            stream.End();
        }
    }
}
