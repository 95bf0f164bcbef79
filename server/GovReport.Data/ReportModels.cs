using GovReport.Domain.Workflow;

namespace GovReport.Data;

/// <summary>Who is acting and from where (the client address goes into the audit log).</summary>
public sealed record Caller(Domain.Identity.Actor Actor, string ClientAddress)
{
    /// <summary>The server itself, for first-start bootstrap (creating the root agency and the first admin).</summary>
    public static Caller System { get; } =
        new(new Domain.Identity.Actor(0, "system", Domain.Identity.Role.Admin, 0, default), "local");
}

/// <summary>One cell as stored: blank (Present = false) is not zero; OriginalText keeps non-numeric text such as "—".</summary>
public sealed record StoredCell(string Address, bool Present, decimal? Value, string? OriginalText = null, string? Unit = null);

/// <summary>Everything a save replaces: template, publication date, narrative parts and cells, and the finding counts of its validation.</summary>
public sealed record ReportContent(
    string Template,
    DateOnly? PublicationDate,
    IReadOnlyDictionary<string, string> Parts,
    IReadOnlyList<StoredCell> Cells,
    int ErrorCount = 0,
    int WarningCount = 0);

public sealed record ReportSummary(
    long Id,
    long AgencyId,
    string AgencyPath,
    int Year,
    string Template,
    ReportState State,
    string Etag,
    int Revision,
    int ErrorCount,
    int WarningCount,
    DateTimeOffset UpdatedAt)
{
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Set on list items: the workflow as stored (submitter, editors, approver's agency), so that a list can say
    /// exactly which actions the caller may take (separation of duties, "above the approver").
    /// </summary>
    public ReportWorkflow? Workflow { get; init; }
}

public sealed record ReportSnapshot(ReportSummary Summary, ReportContent Content, ReportWorkflow Workflow);

/// <summary>A report, its agency, and the same agency's report of the year before when the caller may read it.</summary>
public sealed record ReportWithHistory(ReportSnapshot Current, Domain.Agencies.Agency Agency, ReportSnapshot? Previous);

public sealed record ReportQuery
{
    public int? Year { get; init; }

    /// <summary>Only reports of this agency and the agencies below it.</summary>
    public long? AgencySubtree { get; init; }

    public ReportState? State { get; init; }

    public bool? HasErrors { get; init; }

    public ReportOrder Order { get; init; } = ReportOrder.Created;

    public int PageSize { get; init; } = 50;

    public string? PageToken { get; init; }
}

public sealed record ReportPage(IReadOnlyList<ReportSummary> Items, string? NextPageToken)
{
    /// <summary>Reports matching the filters over all pages.</summary>
    public int TotalSize { get; init; }
}

public enum ReportOrder
{
    /// <summary>Oldest first (keyset paging by id).</summary>
    Created = 1,

    /// <summary>Most recently changed first.</summary>
    UpdatedDescending,

    /// <summary>By agency display name, then agency id (two agencies may share a name), then newest year first.</summary>
    Agency,

    /// <summary>Oldest year first, then oldest report first.</summary>
    Year,

    /// <summary>Newest year first, then newest report first.</summary>
    YearDescending,

    /// <summary>Workflow order (draft, submitted, returned, approved, reopened), then most recently changed first.</summary>
    State,

    /// <summary>Most ERROR findings first, then most WARNING findings, then newest report first.</summary>
    ErrorsDescending,
}

public sealed record RevisionInfo(int Number, long ActorId, string Action, ReportState State, DateTimeOffset CreatedAt);

public enum ChangeKind
{
    Added = 1,
    Removed,
    Changed,
}

public sealed record CellChange(string Address, ChangeKind Kind, StoredCell? Before, StoredCell? After);

public sealed record PartChange(string Code, ChangeKind Kind, string? Before, string? After);

public sealed record RevisionDiff(int From, int To, IReadOnlyList<CellChange> Cells, IReadOnlyList<PartChange> Parts);

public sealed record RollUp(int ReportCount, IReadOnlyDictionary<string, decimal> Sums);
