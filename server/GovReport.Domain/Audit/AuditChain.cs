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
        using var buffer = new MemoryStream();
        Write(buffer, "govreport-audit-v1");
        Write(buffer, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.Time.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Write(buffer, entry.Actor);
        Write(buffer, entry.Action);
        Write(buffer, entry.Target);
        Write(buffer, entry.DetailsJson);
        Write(buffer, entry.ClientAddress);
        Write(buffer, entry.PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }

    private static void Write(Stream stream, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }
}
