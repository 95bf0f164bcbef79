using System.Text;

namespace GovReport.Interop.Tests.Internal;

/// <summary>
/// Just enough HPACK (RFC 7541) for a test client: requests are encoded as literals without indexing and without
/// Huffman coding; responses are decoded with the static and dynamic tables. Huffman-coded strings are not
/// decoded (Kestrel's encoder does not emit them) and fail loudly if they ever appear.
/// </summary>
internal sealed class Hpack
{
    private static readonly (string Name, string Value)[] StaticTable =
    [
        (":authority", ""), (":method", "GET"), (":method", "POST"), (":path", "/"), (":path", "/index.html"),
        (":scheme", "http"), (":scheme", "https"), (":status", "200"), (":status", "204"), (":status", "206"),
        (":status", "304"), (":status", "400"), (":status", "404"), (":status", "500"), ("accept-charset", ""),
        ("accept-encoding", "gzip, deflate"), ("accept-language", ""), ("accept-ranges", ""), ("accept", ""),
        ("access-control-allow-origin", ""), ("age", ""), ("allow", ""), ("authorization", ""), ("cache-control", ""),
        ("content-disposition", ""), ("content-encoding", ""), ("content-language", ""), ("content-length", ""),
        ("content-location", ""), ("content-range", ""), ("content-type", ""), ("cookie", ""), ("date", ""),
        ("etag", ""), ("expect", ""), ("expires", ""), ("from", ""), ("host", ""), ("if-match", ""),
        ("if-modified-since", ""), ("if-none-match", ""), ("if-range", ""), ("if-unmodified-since", ""),
        ("last-modified", ""), ("link", ""), ("location", ""), ("max-forwards", ""), ("proxy-authenticate", ""),
        ("proxy-authorization", ""), ("range", ""), ("referer", ""), ("refresh", ""), ("retry-after", ""),
        ("server", ""), ("set-cookie", ""), ("strict-transport-security", ""), ("transfer-encoding", ""),
        ("user-agent", ""), ("vary", ""), ("via", ""), ("www-authenticate", ""),
    ];

    // Newest entry first, as the dynamic table is indexed.
    private readonly List<(string Name, string Value)> _dynamic = [];
    private int _dynamicSize;
    private int _maxDynamicSize = 4096;

    public static byte[] Encode(IEnumerable<(string Name, string Value)> headers)
    {
        var output = new List<byte>();
        foreach (var (name, value) in headers)
        {
            output.Add(0x00); // literal header field without indexing, new name
            WriteString(output, name);
            WriteString(output, value);
        }

        return [.. output];
    }

    public List<(string Name, string Value)> Decode(ReadOnlySpan<byte> block)
    {
        var headers = new List<(string, string)>();
        var position = 0;
        while (position < block.Length)
        {
            var first = block[position];
            if ((first & 0x80) != 0)
            {
                headers.Add(Lookup(ReadInteger(block, ref position, 7)));
            }
            else if ((first & 0x40) != 0)
            {
                var header = ReadLiteral(block, ref position, 6);
                headers.Add(header);
                Insert(header);
            }
            else if ((first & 0x20) != 0)
            {
                _maxDynamicSize = ReadInteger(block, ref position, 5);
                Evict();
            }
            else
            {
                headers.Add(ReadLiteral(block, ref position, 4));
            }
        }

        return headers;
    }

    private static void WriteString(List<byte> output, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        WriteInteger(output, bytes.Length, 7, 0x00);
        output.AddRange(bytes);
    }

    private static void WriteInteger(List<byte> output, int value, int prefixBits, byte flags)
    {
        var max = (1 << prefixBits) - 1;
        if (value < max)
        {
            output.Add((byte)(flags | value));
            return;
        }

        output.Add((byte)(flags | max));
        value -= max;
        while (value >= 0x80)
        {
            output.Add((byte)((value & 0x7F) | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static int ReadInteger(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var max = (1 << prefixBits) - 1;
        var value = block[position++] & max;
        if (value < max)
        {
            return value;
        }

        var shift = 0;
        byte next;
        do
        {
            next = block[position++];
            value += (next & 0x7F) << shift;
            shift += 7;
        }
        while ((next & 0x80) != 0);
        return value;
    }

    private static string ReadString(ReadOnlySpan<byte> block, ref int position)
    {
        var huffman = (block[position] & 0x80) != 0;
        var length = ReadInteger(block, ref position, 7);
        if (huffman)
        {
            throw new NotSupportedException("Huffman-coded header string: not expected from Kestrel");
        }

        var text = Encoding.UTF8.GetString(block.Slice(position, length));
        position += length;
        return text;
    }

    private (string Name, string Value) ReadLiteral(ReadOnlySpan<byte> block, ref int position, int prefixBits)
    {
        var index = ReadInteger(block, ref position, prefixBits);
        var name = index == 0 ? ReadString(block, ref position) : Lookup(index).Name;
        return (name, ReadString(block, ref position));
    }

    private (string Name, string Value) Lookup(int index) =>
        index <= StaticTable.Length ? StaticTable[index - 1] : _dynamic[index - StaticTable.Length - 1];

    private void Insert((string Name, string Value) header)
    {
        _dynamic.Insert(0, header);
        _dynamicSize += Size(header);
        Evict();
    }

    private void Evict()
    {
        while (_dynamicSize > _maxDynamicSize && _dynamic.Count > 0)
        {
            _dynamicSize -= Size(_dynamic[^1]);
            _dynamic.RemoveAt(_dynamic.Count - 1);
        }
    }

    private static int Size((string Name, string Value) header) =>
        Encoding.UTF8.GetByteCount(header.Name) + Encoding.UTF8.GetByteCount(header.Value) + 32;
}
