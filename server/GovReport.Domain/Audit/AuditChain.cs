using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GovReport.Domain.Audit;

public static class AuditChain
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string GenesisHash = new('0', 64);

    public static AuditEntry Append(AuditEntry? previous, AuditRecord record, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(record);
        var sequence = previous is null ? 1 : previous.Sequence + 1;
        var previousHash = previous?.Hash ?? GenesisHash;

        // Time is canonicalised to whole microseconds in UTC: that is what every store keeps exactly.
        var utc = new DateTimeOffset(time.UtcTicks - (time.UtcTicks % 10), TimeSpan.Zero);
        var entry = new AuditEntry(sequence, utc, record.Actor, record.Action, record.Target, record.DetailsJson,
            record.ClientAddress, previousHash, string.Empty);
        return entry with { Hash = ComputeHash(entry) };
    }

    /// <summary>
    /// SHA-256 over a canonical serialisation: each field as a 4-byte big-endian length then its UTF-8
    /// bytes, in a fixed order, so no two different entries serialise alike (no delimiter ambiguity).
    /// </summary>
    public static string ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // Fed to the hash field by field: the same bytes as one buffer, without building it (every write appends an entry).
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Write(hash, "govreport-audit-v1");
        Write(hash, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(hash, entry.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Write(hash, entry.Actor);
        Write(hash, entry.Action);
        Write(hash, entry.Target);
        Write(hash, entry.DetailsJson);
        Write(hash, entry.ClientAddress);
        Write(hash, entry.PreviousHash);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Convert.ToHexStringLower(digest);
    }

    private static void Write(IncrementalHash hash, string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, count);
        hash.AppendData(length);
        var rented = count > 512 ? ArrayPool<byte>.Shared.Rent(count) : null;
        var bytes = rented is null ? stackalloc byte[512] : rented;
        var written = Encoding.UTF8.GetBytes(value, bytes);
        hash.AppendData(bytes[..written]);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
