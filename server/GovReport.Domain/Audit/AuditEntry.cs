namespace GovReport.Domain.Audit;

/// <summary>
/// One append-only audit record. <see cref="Hash"/> is SHA-256 over the canonical form of every other
/// field plus <see cref="PreviousHash"/>, so changing, deleting or reordering entries breaks the chain.
/// Hashes are lower-case hex.
/// </summary>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    string Action,
    string Target,
    string DetailsJson,
    string ClientAddress,
    string PreviousHash,
    string Hash);

/// <summary>What a caller supplies; the chain fills in sequence and hashes.</summary>
public sealed record AuditRecord(string Actor, string Action, string Target, string DetailsJson, string ClientAddress);
