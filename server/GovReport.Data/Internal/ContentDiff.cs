using GovReport.Data.Entities;

namespace GovReport.Data.Internal;

/// <summary>
/// What a save changes, cell by cell and part by part, against the content it was based on (read with the
/// etag the save is conditioned on, so the base is exactly what is stored when the save's conditional
/// UPDATE matches). Only these rows are written; the revision stores the same difference.
/// </summary>
internal sealed class ContentDiff
{
    public List<ReportCellRow> ChangedCells { get; } = [];

    public List<ReportCellRow> AddedCells { get; } = [];

    public List<string> RemovedCells { get; } = [];

    public List<ReportPartRow> ChangedParts { get; } = [];

    public List<ReportPartRow> AddedParts { get; } = [];

    public List<string> RemovedParts { get; } = [];

    /// <summary>Scaled table 三 changes (new − old) for applications_rollup.</summary>
    public Dictionary<string, long> RollupDelta { get; } = new(StringComparer.Ordinal);

    public int ChangedCount => ChangedCells.Count + AddedCells.Count + RemovedCells.Count;

    public bool PartsChanged => ChangedParts.Count + AddedParts.Count + RemovedParts.Count > 0;

    /// <summary>
    /// The difference from <paramref name="before"/> to <paramref name="afterCells"/> (validated by
    /// <see cref="ReportStore.ValidateCells"/>, which also said whether they are <paramref name="afterInAddressOrder"/>)
    /// and <paramref name="afterParts"/>; rows are built for changed and added cells only.
    /// </summary>
    public static ContentDiff Compute(ReportContent before, IReadOnlyList<StoredCell> afterCells, bool afterInAddressOrder,
        IReadOnlyDictionary<string, string> afterParts)
    {
        var diff = new ContentDiff();

        // The stored side comes from the cache (in order) or from the database's ORDER BY, whose collation need not be
        // ordinal (PostgreSQL), so it is checked here.
        if (afterInAddressOrder && IsSorted(before.Cells))
        {
            diff.MergeCells(before.Cells, afterCells);
        }
        else
        {
            diff.MatchCells(before.Cells, afterCells);
        }

        foreach (var (code, text) in afterParts)
        {
            if (!before.Parts.TryGetValue(code, out var previous))
            {
                diff.AddedParts.Add(new ReportPartRow { Code = code, Text = text });
            }
            else if (!string.Equals(previous, text, StringComparison.Ordinal))
            {
                diff.ChangedParts.Add(new ReportPartRow { Code = code, Text = text });
            }
        }

        diff.RemovedParts.AddRange(before.Parts.Keys.Where(code => !afterParts.ContainsKey(code)));
        diff.RemovedCells.Sort(StringComparer.Ordinal);
        diff.RemovedParts.Sort(StringComparer.Ordinal);
        return diff;
    }

    // Both lists in address order (how storage and ReportContentMapper list cells): one pass, no lookup table.
    private void MergeCells(IReadOnlyList<StoredCell> before, IReadOnlyList<StoredCell> after)
    {
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            var order = i == before.Count ? 1 : j == after.Count ? -1 : string.CompareOrdinal(before[i].Address, after[j].Address);
            if (order < 0)
            {
                Removed(before[i++]);
            }
            else if (order > 0)
            {
                Added(after[j++]);
            }
            else
            {
                Compared(before[i++], after[j++]);
            }
        }
    }

    private void MatchCells(IReadOnlyList<StoredCell> before, IReadOnlyList<StoredCell> after)
    {
        var old = new Dictionary<string, StoredCell>(before.Count, StringComparer.Ordinal);
        foreach (var cell in before)
        {
            old[cell.Address] = cell;
        }

        foreach (var cell in after)
        {
            if (old.Remove(cell.Address, out var previous))
            {
                Compared(previous, cell);
            }
            else
            {
                Added(cell);
            }
        }

        foreach (var previous in old.Values)
        {
            Removed(previous);
        }
    }

    private void Added(StoredCell cell)
    {
        var row = ReportStore.ToCellRow(cell);
        AddedCells.Add(row);
        AddRollup(row.Address, row.ValueScaled ?? 0);
    }

    private void Compared(StoredCell previous, StoredCell cell)
    {
        if (!Same(previous, cell))
        {
            var row = ReportStore.ToCellRow(cell);
            ChangedCells.Add(row);
            AddRollup(row.Address, (row.ValueScaled ?? 0) - Scaled(previous));
        }
    }

    private void Removed(StoredCell previous)
    {
        RemovedCells.Add(previous.Address);
        AddRollup(previous.Address, -Scaled(previous));
    }

    private static bool IsSorted(IReadOnlyList<StoredCell> cells)
    {
        for (var i = 1; i < cells.Count; i++)
        {
            if (string.CompareOrdinal(cells[i - 1].Address, cells[i].Address) >= 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The revision record of this save: only what changed, plus the small report-level fields.</summary>
    public RevisionRecord ToRevision(ReportContent after) => new()
    {
        Delta = true,
        Template = after.Template,
        PublicationDate = after.PublicationDate,
        ErrorCount = after.ErrorCount,
        WarningCount = after.WarningCount,
        Cells = [.. ChangedCells.Concat(AddedCells).OrderBy(c => c.Address, StringComparer.Ordinal).Select(ToStored)],
        Parts = ChangedParts.Concat(AddedParts).ToDictionary(p => p.Code, p => p.Text, StringComparer.Ordinal),
        RemovedCells = RemovedCells.Count == 0 ? null : RemovedCells,
        RemovedParts = RemovedParts.Count == 0 ? null : RemovedParts,
    };

    private static StoredCell ToStored(ReportCellRow c) => new(c.Address, c.Present, c.Value, c.OriginalText, c.Unit);

    // Numerically, like RevisionDiffer: SQLite keeps decimals as normalised text ("0" reads back as 0.0), so a
    // scale-only difference is no change; the cell's original text, which keeps what was typed, is compared exactly.
    private static bool Same(StoredCell a, StoredCell b) =>
        a.Present == b.Present
        && a.Value == b.Value
        && string.Equals(a.OriginalText, b.OriginalText, StringComparison.Ordinal)
        && string.Equals(a.Unit, b.Unit, StringComparison.Ordinal);

    private static long Scaled(StoredCell cell) => cell.Value is { } value ? (long)(value * ReportStore.Scale) : 0;

    private void AddRollup(string address, long delta)
    {
        if (delta != 0 && ApplicationsRollup.IsApplicationsCell(address))
        {
            RollupDelta[address] = delta;
        }
    }
}
