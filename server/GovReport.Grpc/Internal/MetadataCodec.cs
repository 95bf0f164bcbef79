using System.Buffers;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace GovReport.Grpc.Internal;

/// <summary>Metadata ⇄ HTTP/2 headers: "-bin" base64, reserved names filtered, grpc-message percent-encoding.</summary>
internal static class MetadataCodec
{
    public static bool IsReserved(string key)
    {
        if (key.Length == 0 || key[0] == ':')
        {
            return true;
        }
        if (key.StartsWith("grpc-", StringComparison.OrdinalIgnoreCase))
        {
            // The rich status travels as metadata so clients can read it from the trailers.
            return !key.Equals(RpcException.StatusDetailsTrailer, StringComparison.OrdinalIgnoreCase);
        }
        return key.Equals("content-type", StringComparison.OrdinalIgnoreCase)
            || key.Equals("te", StringComparison.OrdinalIgnoreCase)
            || key.Equals("host", StringComparison.OrdinalIgnoreCase)
            || key.Equals("content-length", StringComparison.OrdinalIgnoreCase)
            || key.Equals("connection", StringComparison.OrdinalIgnoreCase)
            || key.Equals("transfer-encoding", StringComparison.OrdinalIgnoreCase);
    }

    public static Metadata FromRequestHeaders(IHeaderDictionary headers)
    {
        var metadata = new Metadata(headers.Count);
        foreach (var header in headers)
        {
            if (IsReserved(header.Key))
            {
                continue;
            }
            var key = header.Key.ToLowerInvariant();
            foreach (var value in header.Value)
            {
                AddDecoded(metadata, key, value ?? "");
            }
        }
        return metadata;
    }

    public static Metadata FromHttpHeaders(HttpHeaders? headers, bool includeStatusDetails)
    {
        var metadata = new Metadata();
        if (headers is null)
        {
            return metadata;
        }
        foreach (var header in headers.NonValidated)
        {
            var key = header.Key.ToLowerInvariant();
            if (IsReserved(key) && !(includeStatusDetails && key == RpcException.StatusDetailsTrailer))
            {
                continue;
            }
            foreach (var value in header.Value)
            {
                AddDecoded(metadata, key, value);
            }
        }
        return metadata;
    }

    public static void AddDecoded(Metadata metadata, string key, string value)
    {
        if (Metadata.Entry.IsBinaryKey(key))
        {
            // A "-bin" header may carry several comma-separated base64 values.
            foreach (var part in value.Split(','))
            {
                var bytes = DecodeBase64Lenient(part.Trim());
                if (bytes is not null)
                {
                    metadata.Add(new Metadata.Entry(key, null, bytes, trusted: true));
                }
            }
        }
        else
        {
            metadata.Add(new Metadata.Entry(key, value, null, trusted: true));
        }
    }

    public static void AddTo(IHeaderDictionary headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.Append(entry.Key, EncodeValue(entry));
        }
    }

    public static void AddTo(HttpHeaders headers, Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            headers.TryAddWithoutValidation(entry.Key, EncodeValue(entry));
        }
    }

    public static string EncodeValue(Metadata.Entry entry) =>
        entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes) : entry.Value;

    /// <summary>Base64 with or without padding (the spec requires accepting unpadded values); null when invalid.</summary>
    public static byte[]? DecodeBase64Lenient(string value)
    {
        var padding = (4 - (value.Length % 4)) % 4;
        if (padding == 3)
        {
            return null;
        }
        var padded = padding == 0 ? value : value + new string('=', padding);
        var buffer = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, buffer, out var written) ? buffer.AsSpan(0, written).ToArray() : null;
    }

    /// <summary>grpc-message encoding: UTF-8, then every byte outside 0x20–0x7E and '%' as %XX.</summary>
    public static string PercentEncode(string message)
    {
        var needs = false;
        foreach (var c in message)
        {
            if (c < 0x20 || c > 0x7E || c == '%')
            {
                needs = true;
                break;
            }
        }
        if (!needs)
        {
            return message;
        }
        var bytes = Encoding.UTF8.GetBytes(message);
        var builder = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E || b == '%')
            {
                builder.Append('%').Append(((int)b).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append((char)b);
            }
        }
        return builder.ToString();
    }

    /// <summary>Inverse of <see cref="PercentEncode"/>; malformed escapes are kept literally.</summary>
    public static string PercentDecode(string value)
    {
        if (value.IndexOf('%') < 0)
        {
            return value;
        }
        var bytes = ArrayPool<byte>.Shared.Rent(value.Length);
        try
        {
            var count = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '%' && i + 2 < value.Length + 0 && i + 2 <= value.Length - 1
                    && Uri.IsHexDigit(value[i + 1]) && Uri.IsHexDigit(value[i + 2]))
                {
                    bytes[count++] = (byte)((Uri.FromHex(value[i + 1]) << 4) | Uri.FromHex(value[i + 2]));
                    i += 2;
                }
                else
                {
                    bytes[count++] = (byte)c;
                }
            }
            return Encoding.UTF8.GetString(bytes, 0, count);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
