namespace GovReport.Data.Entities;

// Storage rows. They mirror the tables one to one and are kept apart from the domain types, which the
// stores map to and from; the mapping itself is in EntityConfigurations/.

public sealed class AgencyRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public int Kind { get; set; }

    public long? ParentId { get; set; }

    /// <summary>Materialised path "/1/4/9/".</summary>
    public string Path { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class UserRow
{
    public long Id { get; set; }

    public string Name { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public int Role { get; set; }

    public long AgencyId { get; set; }

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ApiTokenRow
{
    public long Id { get; set; }

    public long UserId { get; set; }

    public string Name { get; set; } = "";

    /// <summary>SHA-256 of the secret; the secret itself is never stored.</summary>
    public byte[] Hash { get; set; } = [];

    public string DisplayPrefix { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }
}

public sealed class ReportRow
{
    public long Id { get; set; }

    public long AgencyId { get; set; }

    /// <summary>Copy of the agency's path so subtree filters need no join.</summary>
    public string AgencyPath { get; set; } = "";

    /// <summary>
    /// Copy of the agency's display name so the list's "agency" order reads one index (schema version 4). Agency names
    /// never change today; a rename would have to update this copy too.
    /// </summary>
    public string AgencyName { get; set; } = "";

    public int Year { get; set; }

    public string Template { get; set; } = "";

    public string State { get; set; } = "";

    /// <summary>App-managed concurrency token, replaced on every save.</summary>
    public string Etag { get; set; } = "";

    public int Revision { get; set; }

    public DateOnly? PublicationDate { get; set; }

    public int ErrorCount { get; set; }

    public int WarningCount { get; set; }

    /// <summary>Ids of every user who changed the content, comma separated (separation of duties).</summary>
    public string Editors { get; set; } = "";

    public long? SubmittedBy { get; set; }

    public long? ApprovedBy { get; set; }

    public string? ApproverAgencyPath { get; set; }

    public long CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// <see cref="UpdatedAt"/> as UTC ticks, written with it: SQLite cannot ORDER BY a DateTimeOffset, so listings
    /// sort and index this (schema version 2).
    /// </summary>
    public long UpdatedTicks { get; set; }

    /// <summary>
    /// The state's place in the workflow (draft 1, submitted 2, returned 3, approved 4, reopened 5), computed by the
    /// database from <see cref="State"/> so the list's "state" order has an index and no writer must keep it (schema
    /// version 4).
    /// </summary>
    public int StateRank { get; set; }
}

public sealed class ReportCellRow
{
    public long ReportId { get; set; }

    public string Address { get; set; } = "";

    public bool Present { get; set; }

    /// <summary>The exact value, numeric(20,4) on PostgreSQL, TEXT on SQLite.</summary>
    public decimal? Value { get; set; }

    /// <summary>Value × 10 000 as an integer: SUM over it is exact on every provider (SQLite cannot SUM TEXT decimals exactly).</summary>
    public long? ValueScaled { get; set; }

    public string? OriginalText { get; set; }

    public string? Unit { get; set; }
}

public sealed class ReportPartRow
{
    public long ReportId { get; set; }

    public string Code { get; set; } = "";

    public string Text { get; set; } = "";
}

public sealed class ReportRevisionRow
{
    public long ReportId { get; set; }

    public int Number { get; set; }

    public long ActorId { get; set; }

    public string Action { get; set; } = "";

    public string State { get; set; } = "";

    /// <summary>Full content snapshot (cells and parts) as JSON; decimals keep their exact text.</summary>
    public string SnapshotJson { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class ReportEventRow
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public string Transition { get; set; } = "";

    public string FromState { get; set; } = "";

    public string ToState { get; set; } = "";

    public long ActorId { get; set; }

    public string? Reason { get; set; }

    /// <summary>Cell addresses a return points at, newline separated.</summary>
    public string CellAddresses { get; set; } = "";

    public string FindingIds { get; set; } = "";

    public DateTimeOffset At { get; set; }
}

public sealed class CommentRow
{
    public long Id { get; set; }

    public long ReportId { get; set; }

    public long? ParentId { get; set; }

    public string? CellAddress { get; set; }

    public string? FindingId { get; set; }

    public long AuthorId { get; set; }

    public string Text { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class FindingJustificationRow
{
    public long ReportId { get; set; }

    public string FindingId { get; set; } = "";

    public string Text { get; set; } = "";

    public long AuthorId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class AuditRow
{
    public long Sequence { get; set; }

    /// <summary>UTC ticks, exact on every provider (the hash covers them).</summary>
    public long TimeTicks { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string Target { get; set; } = "";

    public string DetailsJson { get; set; } = "";

    public string ClientAddress { get; set; } = "";

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";
}

public sealed class SchemaInfoRow
{
    public int Id { get; set; }

    public int Version { get; set; }
}

/// <summary>
/// Maintained table 三 sums for an agency's whole subtree, per year and state. The per-cell columns are
/// shadow properties (one per table 三 address, see Internal/ApplicationsRollup) written with SQL upserts.
/// </summary>
public sealed class ApplicationsRollupRow
{
    public long AgencyId { get; set; }

    public int Year { get; set; }

    public string State { get; set; } = "";

    public int ReportCount { get; set; }
}
