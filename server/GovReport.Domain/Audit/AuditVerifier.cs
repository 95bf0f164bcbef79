namespace GovReport.Domain.Audit;

public sealed record AuditVerification(bool Intact, long EntriesChecked, long? FirstBadSequence, string Message)
{
    public string? HeadHash { get; init; }
}

/// <summary>
/// Walks the chain in storage order and names the first entry that does not fit: a changed entry (its
/// hash no longer matches), a deleted one (sequence gap or previous-hash mismatch) or a reordered one.
/// Truncating the tail is not detectable from the chain alone; callers that keep the last head hash
/// (e.g. in backups or logs) can compare it with <see cref="AuditVerification.HeadHash"/>.
/// </summary>
public static class AuditVerifier
{
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInOrder);
        long count = 0;
        long expectedSequence = 1;
        var expectedPrevious = AuditChain.GenesisHash;
        foreach (var entry in entriesInOrder)
        {
            count++;
            if (entry.Sequence != expectedSequence)
            {
                return Bad(count, entry.Sequence,
                    $"审计日志序号不连续：应为 {expectedSequence}，实际为 {entry.Sequence}（条目被删除或顺序被改动）");
            }

            if (!string.Equals(entry.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return Bad(count, entry.Sequence, $"审计日志第 {entry.Sequence} 条的前序哈希与上一条不符（条目被删除、插入或重排）");
            }

            if (!string.Equals(AuditChain.ComputeHash(entry), entry.Hash, StringComparison.Ordinal))
            {
                return Bad(count, entry.Sequence, $"审计日志第 {entry.Sequence} 条的内容与其哈希不符（条目被篡改）");
            }

            expectedSequence++;
            expectedPrevious = entry.Hash;
        }

        return new AuditVerification(true, count, null, $"审计日志完整，共 {count} 条")
        {
            HeadHash = count == 0 ? null : expectedPrevious,
        };
    }

    private static AuditVerification Bad(long count, long sequence, string message) =>
        new(false, count, sequence, message);
}
