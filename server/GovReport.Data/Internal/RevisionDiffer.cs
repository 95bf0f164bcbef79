namespace GovReport.Data.Internal;

internal static class RevisionDiffer
{
    public static RevisionDiff Compare(int from, int to, ReportContent before, ReportContent after)
    {
        var beforeCells = before.Cells.ToDictionary(c => c.Address, StringComparer.Ordinal);
        var afterCells = after.Cells.ToDictionary(c => c.Address, StringComparer.Ordinal);
        var cells = new List<CellChange>();
        foreach (var address in beforeCells.Keys.Union(afterCells.Keys).Order(StringComparer.Ordinal))
        {
            beforeCells.TryGetValue(address, out var b);
            afterCells.TryGetValue(address, out var a);
            if (b is null)
            {
                cells.Add(new CellChange(address, ChangeKind.Added, null, a));
            }
            else if (a is null)
            {
                cells.Add(new CellChange(address, ChangeKind.Removed, b, null));
            }
            else if (!SameCell(a, b))
            {
                cells.Add(new CellChange(address, ChangeKind.Changed, b, a));
            }
        }

        var parts = new List<PartChange>();
        foreach (var code in before.Parts.Keys.Union(after.Parts.Keys).Order(StringComparer.Ordinal))
        {
            var hasBefore = before.Parts.TryGetValue(code, out var b);
            var hasAfter = after.Parts.TryGetValue(code, out var a);
            if (!hasBefore)
            {
                parts.Add(new PartChange(code, ChangeKind.Added, null, a));
            }
            else if (!hasAfter)
            {
                parts.Add(new PartChange(code, ChangeKind.Removed, b, null));
            }
            else if (!string.Equals(a, b, StringComparison.Ordinal))
            {
                parts.Add(new PartChange(code, ChangeKind.Changed, b, a));
            }
        }

        return new RevisionDiff(from, to, cells, parts);
    }

    // 1.0 and 1.00 are the same number: compare values numerically, not by their stored text.
    private static bool SameCell(StoredCell a, StoredCell b) =>
        a.Present == b.Present && a.Value == b.Value
        && string.Equals(a.OriginalText, b.OriginalText, StringComparison.Ordinal)
        && string.Equals(a.Unit, b.Unit, StringComparison.Ordinal);
}
