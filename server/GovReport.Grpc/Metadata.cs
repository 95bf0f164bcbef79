using System.Collections;
using System.Text;

namespace GovReport.Grpc;

/// <summary>
/// gRPC metadata (request headers, response headers or trailers). Keys are lower-case ASCII; keys ending in
/// "-bin" carry bytes (base64 on the wire), other keys carry printable ASCII strings.
/// </summary>
public sealed class Metadata : IList<Metadata.Entry>
{
    public const string BinaryHeaderSuffix = "-bin";

    private readonly List<Entry> _entries;

    public Metadata()
    {
        _entries = [];
    }

    internal Metadata(int capacity)
    {
        _entries = new List<Entry>(capacity);
    }

    public int Count => _entries.Count;

    public bool IsReadOnly => false;

    public Entry this[int index]
    {
        get => _entries[index];
        set => _entries[index] = value;
    }

    public void Add(string key, string value) => _entries.Add(new Entry(key, value));

    public void Add(string key, byte[] value) => _entries.Add(new Entry(key, value));

    public void Add(Entry item) => _entries.Add(item);

    /// <summary>The last string value for <paramref name="key"/>, or null.</summary>
    public string? GetValue(string key)
    {
        var entry = Get(key);
        if (entry is null)
        {
            return null;
        }
        if (entry.IsBinary)
        {
            throw new InvalidOperationException($"Metadata key '{key}' is binary; use GetValueBytes.");
        }
        return entry.Value;
    }

    /// <summary>The last byte value for <paramref name="key"/> (a "-bin" key), or null.</summary>
    public byte[]? GetValueBytes(string key)
    {
        var entry = Get(key);
        if (entry is null)
        {
            return null;
        }
        return entry.IsBinary ? entry.ValueBytes : Encoding.ASCII.GetBytes(entry.Value);
    }

    /// <summary>The last entry for <paramref name="key"/> (case-insensitive), or null.</summary>
    public Entry? Get(string key)
    {
        for (var i = _entries.Count - 1; i >= 0; i--)
        {
            if (string.Equals(_entries[i].Key, key, StringComparison.OrdinalIgnoreCase))
            {
                return _entries[i];
            }
        }
        return null;
    }

    /// <summary>All entries for <paramref name="key"/>, in order.</summary>
    public IEnumerable<Entry> GetAll(string key)
    {
        foreach (var entry in _entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
            {
                yield return entry;
            }
        }
    }

    public void Clear() => _entries.Clear();

    public bool Contains(Entry item) => _entries.Contains(item);

    public void CopyTo(Entry[] array, int arrayIndex) => _entries.CopyTo(array, arrayIndex);

    public IEnumerator<Entry> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _entries.GetEnumerator();

    public int IndexOf(Entry item) => _entries.IndexOf(item);

    public void Insert(int index, Entry item) => _entries.Insert(index, item);

    public bool Remove(Entry item) => _entries.Remove(item);

    public void RemoveAt(int index) => _entries.RemoveAt(index);

    public override string ToString()
    {
        var builder = new StringBuilder("[");
        foreach (var entry in _entries)
        {
            if (builder.Length > 1)
            {
                builder.Append(", ");
            }
            builder.Append(entry);
        }
        return builder.Append(']').ToString();
    }

    /// <summary>One metadata entry.</summary>
    public sealed class Entry
    {
        private readonly string? _value;
        private readonly byte[]? _valueBytes;

        public Entry(string key, string value)
        {
            Key = NormalizeKey(key);
            if (IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{key}' ends in -bin and needs a byte[] value.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(value);
            foreach (var c in value)
            {
                // Printable ASCII only (space included): anything else cannot travel in an HTTP/2 header value.
                if (c < 0x20 || c > 0x7E)
                {
                    throw new ArgumentException($"Metadata value for '{key}' must be printable ASCII.", nameof(value));
                }
            }
            _value = value;
        }

        public Entry(string key, byte[] valueBytes)
        {
            Key = NormalizeKey(key);
            if (!IsBinaryKey(Key))
            {
                throw new ArgumentException($"Metadata key '{key}' must end in -bin to carry bytes.", nameof(key));
            }
            ArgumentNullException.ThrowIfNull(valueBytes);
            _valueBytes = valueBytes;
        }

        // Wire-decoded entries skip validation: the transport already checked them.
        internal Entry(string key, string? value, byte[]? valueBytes, bool trusted)
        {
            _ = trusted;
            Key = key;
            _value = value;
            _valueBytes = valueBytes;
        }

        public string Key { get; }

        public bool IsBinary => _valueBytes is not null;

        public string Value => _value ?? throw new InvalidOperationException($"Metadata key '{Key}' is binary; use ValueBytes.");

        public byte[] ValueBytes => _valueBytes ?? Encoding.ASCII.GetBytes(_value!);

        public override string ToString() =>
            IsBinary ? $"{Key}=[{_valueBytes!.Length} bytes]" : $"{Key}={_value}";

        internal static bool IsBinaryKey(string key) => key.EndsWith(BinaryHeaderSuffix, StringComparison.Ordinal);

        private static string NormalizeKey(string key)
        {
            ArgumentException.ThrowIfNullOrEmpty(key);
            var normalized = key.ToLowerInvariant();
            foreach (var c in normalized)
            {
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
                {
                    throw new ArgumentException($"Metadata key '{key}' has a character outside [a-z0-9-_.].", nameof(key));
                }
            }
            if (normalized.StartsWith("grpc-", StringComparison.Ordinal) && normalized != "grpc-status-details-bin")
            {
                throw new ArgumentException($"Metadata key '{key}' is reserved for the gRPC protocol.", nameof(key));
            }
            return normalized;
        }
    }
}
