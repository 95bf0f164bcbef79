using GovReport.Domain.Audit;

namespace GovReport.Domain.Tests.Workflow;

public class AuditChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static List<AuditEntry> Chain(int length)
    {
        var entries = new List<AuditEntry>();
        for (var i = 0; i < length; i++)
        {
            var record = new AuditRecord($"user{i % 3}", "report.update", $"reports/{i}", $$"""{"revision":{{i}}}""", "127.0.0.1:5000");
            entries.Add(AuditChain.Append(entries.LastOrDefault(), record, Start.AddSeconds(i).AddTicks(7)));
        }

        return entries;
    }

    [Fact]
    public void Append_FirstEntries_LinkThroughPreviousHash()
    {
        var chain = Chain(3);

        Assert.Equal([1L, 2L, 3L], chain.Select(e => e.Sequence));
        Assert.Equal(AuditChain.GenesisHash, chain[0].PreviousHash);
        Assert.Equal(chain[0].Hash, chain[1].PreviousHash);
        Assert.Equal(64, chain[2].Hash.Length);
        Assert.Equal(TimeSpan.Zero, chain[0].Time.Offset);
        Assert.Equal(0, chain[0].Time.UtcTicks % 10);
    }

    [Fact]
    public void Verify_UntouchedChain_Intact()
    {
        var chain = Chain(10);

        var result = AuditVerifier.Verify(chain);

        Assert.True(result.Intact);
        Assert.Equal(10, result.EntriesChecked);
        Assert.Null(result.FirstBadSequence);
        Assert.Equal(chain[^1].Hash, result.HeadHash);
    }

    [Fact]
    public void Verify_EmptyChain_Intact()
    {
        Assert.True(AuditVerifier.Verify([]).Intact);
    }

    [Theory]
    [InlineData("actor")]
    [InlineData("action")]
    [InlineData("target")]
    [InlineData("details")]
    [InlineData("client")]
    [InlineData("time")]
    public void Verify_ChangedField_NamesThatEntry(string field)
    {
        var chain = Chain(6);
        var e = chain[3];
        chain[3] = field switch
        {
            "actor" => e with { Actor = "intruder" },
            "action" => e with { Action = "report.delete" },
            "target" => e with { Target = "reports/999" },
            "details" => e with { DetailsJson = "{}" },
            "client" => e with { ClientAddress = "10.0.0.1" },
            _ => e with { Time = e.Time.AddSeconds(1) },
        };

        var result = AuditVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("篡改", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ChangedEntryWithRecomputedHash_NextEntryFlagged()
    {
        var chain = Chain(6);
        var forged = chain[2] with { Actor = "intruder" };
        chain[2] = forged with { Hash = AuditChain.ComputeHash(forged) };

        var result = AuditVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSequence);
    }

    [Fact]
    public void Verify_DeletedEntry_NamesTheGap()
    {
        var chain = Chain(6);
        chain.RemoveAt(2);

        var result = AuditVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBadSequence);
        Assert.Contains("不连续", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SwappedEntries_Detected()
    {
        var chain = Chain(6);
        (chain[1], chain[2]) = (chain[2], chain[1]);

        var result = AuditVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBadSequence);
    }

    [Fact]
    public void Verify_SwappedContentsKeepingSequences_Detected()
    {
        var chain = Chain(6);
        var (a, b) = (chain[1], chain[2]);
        chain[1] = b with { Sequence = a.Sequence };
        chain[2] = a with { Sequence = b.Sequence };

        var result = AuditVerifier.Verify(chain);

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBadSequence);
    }

    [Fact]
    public void ComputeHash_ChineseAndLongDetails_IsSha256OfTheDocumentedFieldEncoding()
    {
        // Chains written before stay verifiable only if the bytes hashed never change: each field as a 4-byte big-endian
        // length and its UTF-8, in the documented order.
        var details = "{\"reason\":\"" + new string('表', 400) + "\"}";
        var entry = new AuditEntry(42, Start, "北仑审核员#7", "report.return", "reports/9", details, "10.0.0.8:5100", AuditChain.GenesisHash, "");
        string[] fields = ["govreport-audit-v1", "42", Start.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.Actor, entry.Action, entry.Target, details, entry.ClientAddress, entry.PreviousHash];
        var bytes = new List<byte>();
        foreach (var field in fields)
        {
            var utf8 = System.Text.Encoding.UTF8.GetBytes(field);
            bytes.AddRange([(byte)(utf8.Length >> 24), (byte)(utf8.Length >> 16), (byte)(utf8.Length >> 8), (byte)utf8.Length]);
            bytes.AddRange(utf8);
        }

        var expected = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData([.. bytes]));

        Assert.Equal(expected, AuditChain.ComputeHash(entry));
    }

    [Fact]
    public void ComputeHash_FieldBoundariesShifted_Differs()
    {
        var a = new AuditEntry(1, Start, "ab", "c", "t", "{}", "x", AuditChain.GenesisHash, "");
        var b = a with { Actor = "a", Action = "bc" };

        Assert.NotEqual(AuditChain.ComputeHash(a), AuditChain.ComputeHash(b));
    }
}
