using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace GovReport.Grpc.Internal;

/// <summary>gRPC length-prefixed messages: 1 byte compressed flag, 4 bytes big-endian length, payload.</summary>
internal static class Framing
{
    public const int HeaderSize = 5;
    public const int DefaultMaxMessageSize = 4 * 1024 * 1024;
    public const string Gzip = "gzip";
    public const string Identity = "identity";
    public const string SupportedEncodings = "identity,gzip";

    /// <summary>Writes one framed message straight into <paramref name="output"/> (no intermediate copy when uncompressed).</summary>
    public static void WriteMessage(IBufferWriter<byte> output, IMessage message, int maxSize, bool gzip, Action? beforeWrite = null)
    {
        var size = message.CalculateSize();
        if (size > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"发送的消息大小 {size} 字节超过上限 {maxSize} 字节 (Sending message exceeds the maximum configured message size)."));
        }
        beforeWrite?.Invoke();
        if (!gzip)
        {
            var span = output.GetSpan(HeaderSize + size);
            span[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(span.Slice(1), (uint)size);
            message.WriteTo(span.Slice(HeaderSize, size));
            output.Advance(HeaderSize + size);
            return;
        }
        WriteCompressed(output, message, size);
    }

    // Its own method so that System.IO.Compression is loaded (and its code JIT'd) only when a call uses gzip:
    // the JIT resolves every type a method body names, taken branch or not.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void WriteCompressed(IBufferWriter<byte> output, IMessage message, int size)
    {
        var raw = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(raw.AsSpan(0, size));
            using var compressed = new MemoryStream();
            using (var gz = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gz.Write(raw, 0, size);
            }
            var length = (int)compressed.Length;
            var span = output.GetSpan(HeaderSize + length);
            span[0] = 1;
            BinaryPrimitives.WriteUInt32BigEndian(span.Slice(1), (uint)length);
            compressed.GetBuffer().AsSpan(0, length).CopyTo(span.Slice(HeaderSize));
            output.Advance(HeaderSize + length);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    /// <summary>A framed message as a new array (client requests).</summary>
    public static byte[] ToFrame(IMessage message, int maxSize, bool gzip)
    {
        var writer = new ArrayBufferWriter<byte>(HeaderSize + message.CalculateSize());
        WriteMessage(writer, message, maxSize, gzip);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Tries to take one complete frame from <paramref name="buffer"/>. The size limit is checked from the
    /// prefix, before the payload is buffered.
    /// </summary>
    public static bool TryReadFrame(ref ReadOnlySequence<byte> buffer, int maxSize, out bool compressed, out ReadOnlySequence<byte> payload)
    {
        compressed = false;
        payload = default;
        if (buffer.Length < HeaderSize)
        {
            return false;
        }
        Span<byte> header = stackalloc byte[HeaderSize];
        buffer.Slice(0, HeaderSize).CopyTo(header);
        var flag = header[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(header.Slice(1));
        if (flag > 1)
        {
            throw new RpcException(new Status(StatusCode.Internal, $"Invalid compressed flag {flag} in message prefix."));
        }
        if (length > (uint)maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"收到的消息大小 {length} 字节超过上限 {maxSize} 字节 (Received message exceeds the maximum configured message size)."));
        }
        if (buffer.Length < HeaderSize + length)
        {
            return false;
        }
        compressed = flag == 1;
        payload = buffer.Slice(HeaderSize, length);
        buffer = buffer.Slice(HeaderSize + length);
        return true;
    }

    /// <summary>Inflates a gzip payload, failing with RESOURCE_EXHAUSTED past <paramref name="maxSize"/> (zip bombs).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static byte[] Decompress(in ReadOnlySequence<byte> payload, int maxSize, out int length)
    {
        // Cold path (compressed messages are rare and small here): one copy of the input is acceptable.
        var input = payload.ToArray();
        using var source = new MemoryStream(input, writable: false);
        using var gz = new GZipStream(source, CompressionMode.Decompress);
        var buffer = new byte[Math.Min(Math.Max(input.Length * 4, 256), maxSize + 1)];
        length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > maxSize)
                    {
                        throw new RpcException(new Status(StatusCode.ResourceExhausted, $"解压后的消息超过上限 {maxSize} 字节 (Received message exceeds the maximum configured message size after decompression)."));
                    }
                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, (long)maxSize + 1));
                }
                var read = gz.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch (InvalidDataException exception)
        {
            throw new RpcException(new Status(StatusCode.Internal, "Failed to decompress message: " + exception.Message));
        }
        if (length > maxSize)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"解压后的消息超过上限 {maxSize} 字节 (Received message exceeds the maximum configured message size after decompression)."));
        }
        return buffer;
    }

    /// <summary>Parses a (possibly compressed) payload. <paramref name="encoding"/> is the stream's grpc-encoding.</summary>
    public static T Parse<T>(MessageParser<T> parser, in ReadOnlySequence<byte> payload, bool compressed, bool gzipStream, int maxSize, string errorPrefix)
        where T : IMessage<T>
    {
        if (compressed && !gzipStream)
        {
            // Spec: the compressed flag without a grpc-encoding (or with identity) is a protocol error.
            throw new RpcException(new Status(StatusCode.Internal, "Compressed message received but no grpc-encoding was negotiated."));
        }
        try
        {
            if (compressed)
            {
                var bytes = Decompress(payload, maxSize, out var length);
                return parser.ParseFrom(bytes, 0, length);
            }
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException exception)
        {
            throw new RpcException(new Status(StatusCode.Internal, errorPrefix + exception.Message));
        }
    }

    public static bool AcceptsGzip(string? acceptEncoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }
        foreach (var part in acceptEncoding.Split(','))
        {
            if (part.Trim().Equals(Gzip, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
