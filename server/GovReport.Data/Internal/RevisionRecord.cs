namespace GovReport.Data.Internal;

/// <summary>
/// What <c>report_revisions.snapshot_json</c> holds. A full record (<see cref="Delta"/> false: every cell and
/// part; what revisions written before deltas existed hold too) or a delta against the previous revision
/// (changed and added cells and parts, removed addresses and codes, and the small report-level fields). Every
/// <see cref="SnapshotInterval"/>-th revision (1, 33, 65, …) is full, so rebuilding a revision reads at most
/// that many rows.
/// </summary>
internal sealed record RevisionRecord
{
    public const int SnapshotInterval = 32;

    public bool Delta { get; init; }

    public string Template { get; init; } = "";

    public DateOnly? PublicationDate { get; init; }

    public IReadOnlyDictionary<string, string> Parts { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<StoredCell> Cells { get; init; } = [];

    public IReadOnlyList<string>? RemovedCells { get; init; }

    public IReadOnlyList<string>? RemovedParts { get; init; }

    public int ErrorCount { get; init; }

    public int WarningCount { get; init; }

    /// <summary>Whether revision <paramref name="number"/> must be stored in full.</summary>
    public static bool IsSnapshotNumber(int number) => (number - 1) % SnapshotInterval == 0;

    /// <summary>The first revision number of the window whose full record rebuilds <paramref name="number"/>.</summary>
    public static int SnapshotBase(int number) => number - ((number - 1) % SnapshotInterval);

    public static RevisionRecord Full(ReportContent content) => new()
    {
        Template = content.Template,
        PublicationDate = content.PublicationDate,
        Parts = content.Parts,
        Cells = [.. content.Cells.OrderBy(c => c.Address, StringComparer.Ordinal)],
        ErrorCount = content.ErrorCount,
        WarningCount = content.WarningCount,
    };

    /// <summary>Rebuilds the content of the last record from the last full record among <paramref name="records"/> (in revision order).</summary>
    public static ReportContent Rebuild(IReadOnlyList<RevisionRecord> records)
    {
        var start = records.Count - 1;
        while (start > 0 && records[start].Delta)
        {
            start--;
        }

        if (records[start].Delta)
        {
            throw new InvalidDataException("修订记录缺少完整快照，无法还原");
        }

        var cells = new Dictionary<string, StoredCell>(StringComparer.Ordinal);
        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        RevisionRecord last = records[start];
        for (var i = start; i < records.Count; i++)
        {
            last = records[i];
            if (!last.Delta)
            {
                cells.Clear();
                parts.Clear();
            }

            foreach (var address in last.RemovedCells ?? [])
            {
                cells.Remove(address);
            }

            foreach (var code in last.RemovedParts ?? [])
            {
                parts.Remove(code);
            }

            foreach (var cell in last.Cells)
            {
                cells[cell.Address] = cell;
            }

            foreach (var (code, text) in last.Parts)
            {
                parts[code] = text;
            }
        }

        return new ReportContent(last.Template, last.PublicationDate, parts,
            [.. cells.Values.OrderBy(c => c.Address, StringComparer.Ordinal)], last.ErrorCount, last.WarningCount);
    }
}
