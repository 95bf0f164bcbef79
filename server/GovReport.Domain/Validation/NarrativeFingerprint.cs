using System.Buffers.Binary;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation;

/// <summary>
/// A compact MinHash signature of a report's narrative (the parts without tables, as V18 reads them): the set of
/// character bigrams, each hashed once into one of <see cref="HashCount"/> bins (one permutation hashing), keeping
/// the low 16 bits of each bin's minimum (b-bit MinHash). Two signatures estimate the Jaccard similarity of the bigram sets with a standard
/// error of about √(J(1−J)/128) (≈ 0.027 at J = 0.9). <see cref="BandKeys"/> are locality-sensitive keys: two
/// narratives with J ≥ 0.9 share at least one with probability &gt; 0.999, unrelated ones (J ≤ 0.3) rarely. So
/// storage finds V18's candidates among all other agencies' reports of the year with an indexed lookup, drops those
/// whose estimate is clearly below the threshold, and loads the texts of the few left for the exact comparison.
/// </summary>
public sealed class NarrativeFingerprint
{
    /// <summary>Number of MinHash values (bins).</summary>
    public const int HashCount = 128;

    /// <summary>Locality-sensitive bands (each made of <see cref="RowsPerBand"/> consecutive values).</summary>
    public const int BandCount = 8;

    public const int RowsPerBand = 4;

    /// <summary>Length of <see cref="ToBytes"/>: the bigram count (4 bytes) and the 16-bit minima.</summary>
    public const int ByteLength = 4 + (HashCount * 2);

    // Fixed forever: fingerprints are stored, so the hash must never change.
    private const ulong Seed = 0x5647_5245_504F_5254UL;
    private const int BinBits = 7;
    private const ushort Empty = 0;

    private readonly ushort[] _minima;

    private NarrativeFingerprint(int bigramCount, ushort[] minima)
    {
        BigramCount = bigramCount;
        _minima = minima;
    }

    /// <summary>Distinct character bigrams of the narrative (0: nothing to compare).</summary>
    public int BigramCount { get; }

    public bool IsEmpty => BigramCount == 0;

    /// <summary>The fingerprint of the narrative parts of <paramref name="report"/> (extra parts included, tables' parts not).</summary>
    public static NarrativeFingerprint Of(Report report)
    {
        return Of(Narratives(report));
    }

    /// <summary>The texts V18 compares: every part's text except the three parts that are mainly tables.</summary>
    public static IEnumerable<string> Narratives(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.Parts.Where(p => IsNarrative(p.Code)).Select(p => p.Text);
    }

    /// <summary>The fingerprint of narrative texts (callers choose the parts with <see cref="IsNarrative(PartCode?)"/>).</summary>
    public static NarrativeFingerprint Of(IEnumerable<string> narratives)
    {
        ArgumentNullException.ThrowIfNull(narratives);
        return FromBigrams(Bigrams(narratives));
    }

    /// <summary>Parts whose text V18 compares: everything but the three parts that are mainly tables.</summary>
    public static bool IsNarrative(PartCode? code) =>
        code is not (PartCode.ActiveDisclosure or PartCode.Applications or PartCode.ReviewsLitigation);

    /// <summary>The same choice by stored part code ("overview", …); codes that are not template parts are extra parts.</summary>
    public static bool IsNarrative(string partCode) =>
        !PartCodes.TryParse(partCode, out var code) || IsNarrative(code);

    /// <summary>Exact Jaccard similarity of the bigram sets of two narratives (what the estimate approximates).</summary>
    public static double Jaccard(IEnumerable<string> a, IEnumerable<string> b) => Jaccard(Bigrams(a), Bigrams(b));

    internal static double Jaccard(HashSet<uint> left, HashSet<uint> right)
    {
        if (left.Count == 0 || right.Count == 0)
        {
            return 0;
        }

        var common = left.Count(right.Contains);
        return (double)common / (left.Count + right.Count - common);
    }

    /// <summary>Estimated Jaccard similarity of the two bigram sets (0 when either narrative is empty).</summary>
    public double EstimateSimilarity(NarrativeFingerprint other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (IsEmpty || other.IsEmpty)
        {
            return 0;
        }

        // One-permutation-hashing estimator: equal non-empty bins over the bins not empty in both.
        int equal = 0, bothEmpty = 0;
        for (var i = 0; i < HashCount; i++)
        {
            if (_minima[i] == Empty && other._minima[i] == Empty)
            {
                bothEmpty++;
            }
            else if (_minima[i] == other._minima[i])
            {
                equal++;
            }
        }

        return bothEmpty == HashCount ? 0 : (double)equal / (HashCount - bothEmpty);
    }

    /// <summary>One key per band (the band's four 16-bit minima as one 64-bit value); all zero when empty.</summary>
    public long[] BandKeys()
    {
        var keys = new long[BandCount];
        if (IsEmpty)
        {
            return keys;
        }

        for (var band = 0; band < BandCount; band++)
        {
            ulong key = 0;
            for (var row = 0; row < RowsPerBand; row++)
            {
                key = (key << 16) | _minima[(band * RowsPerBand) + row];
            }

            keys[band] = unchecked((long)key);
        }

        return keys;
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[ByteLength];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, BigramCount);
        for (var i = 0; i < HashCount; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(4 + (i * 2)), _minima[i]);
        }

        return bytes;
    }

    public static NarrativeFingerprint FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ByteLength)
        {
            throw new ArgumentException($"A narrative fingerprint is {ByteLength} bytes, not {bytes.Length}.", nameof(bytes));
        }

        var minima = new ushort[HashCount];
        for (var i = 0; i < HashCount; i++)
        {
            minima[i] = BinaryPrimitives.ReadUInt16LittleEndian(bytes[(4 + (i * 2))..]);
        }

        return new NarrativeFingerprint(BinaryPrimitives.ReadInt32LittleEndian(bytes), minima);
    }

    // One permutation hashing: each bigram is hashed once; the top 7 bits pick one of the 128 bins, and each bin
    // keeps its smallest hash. One hash per bigram instead of 128, with the same estimator quality.
    private static NarrativeFingerprint FromBigrams(HashSet<uint> bigrams)
    {
        var minima = new ushort[HashCount];
        if (bigrams.Count == 0)
        {
            return new NarrativeFingerprint(0, minima);
        }

        var lowest = new ulong[HashCount];
        Array.Fill(lowest, ulong.MaxValue);
        foreach (var bigram in bigrams)
        {
            var h = Mix(bigram ^ Seed);
            var bin = (int)(h >> (64 - BinBits));
            if (h < lowest[bin])
            {
                lowest[bin] = h;
            }
        }

        for (var i = 0; i < HashCount; i++)
        {
            // Low 16 bits of the minimum; 0 is reserved for an empty bin (short narratives leave some empty).
            minima[i] = lowest[i] == ulong.MaxValue ? Empty : Math.Max((ushort)1, (ushort)lowest[i]);
        }

        return new NarrativeFingerprint(bigrams.Count, minima);
    }

    /// <summary>Adjacent non-space character pairs, as in the previous-year comparison.</summary>
    internal static HashSet<uint> Bigrams(IEnumerable<string> texts)
    {
        var set = new HashSet<uint>();
        foreach (var text in texts)
        {
            for (var i = 1; i < text.Length; i++)
            {
                if (!char.IsWhiteSpace(text[i]) && !char.IsWhiteSpace(text[i - 1]))
                {
                    set.Add(((uint)text[i - 1] << 16) | text[i]);
                }
            }
        }

        return set;
    }

    /// <summary>MurmurHash3's 64-bit finaliser: a fast bijective mixer.</summary>
    private static ulong Mix(ulong x)
    {
        x ^= x >> 33;
        x *= 0xff51afd7ed558ccdUL;
        x ^= x >> 33;
        x *= 0xc4ceb9fe1a85ec53UL;
        x ^= x >> 33;
        return x;
    }

}

/// <summary>
/// Another agency's report of the same year that V18 compares exactly: the agency's name and its narrative texts
/// (<see cref="NarrativeFingerprint.Narratives"/>). Storage loads only candidates whose fingerprint is close.
/// </summary>
public sealed record PeerNarrative(string AgencyName, IReadOnlyList<string> Narratives)
{
    /// <summary>False when whoever asked may not read the agency: V18 then counts the report but never names it.</summary>
    public bool NameReadable { get; init; } = true;
}
