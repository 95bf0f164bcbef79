using GovReport.Import.Documents;

namespace GovReport.Import.Tests.Support;

/// <summary>How a rendered cell is merged: horizontally (span) and vertically (restart / continue below).</summary>
public enum MergeKind
{
    None,
    Restart,
    Continue,
}

public sealed class LaidOutCell(string text, int column, int span)
{
    public string Text { get; } = text;

    public int Column { get; } = column;

    public int Span { get; } = span;

    public MergeKind Merge { get; set; }

    /// <summary>Rows covered when rendered with rowspan (restart cells only).</summary>
    public int RowSpan { get; set; } = 1;
}

/// <summary>
/// Turns a table read from the flattened text (no span information) into a table with real merged cells, the
/// way Word lays such reports out: a short row's last cell spans to the table's right edge, and an empty
/// leading cell continues the cell above it (vMerge / rowspan). Reading the result back must give the same rows.
/// </summary>
public static class MergeLayout
{
    public static List<List<LaidOutCell>> Of(DocumentTable table)
    {
        var width = table.ColumnCount;
        var rows = new List<List<LaidOutCell>>();
        for (var r = 0; r < table.RowCount; r++)
        {
            var source = table.GetRow(r);
            var row = new List<LaidOutCell>();
            for (var i = 0; i < source.Count; i++)
            {
                var span = i == source.Count - 1 ? width - i : 1;
                row.Add(new LaidOutCell(source[i].Text, i, span));
            }

            var firstText = row.FindIndex(c => c.Text.Length > 0);
            if (r > 0 && firstText > 0)
            {
                for (var i = 0; i < firstText; i++)
                {
                    var above = rows[r - 1].FirstOrDefault(c => c.Column == row[i].Column && c.Span == row[i].Span);
                    if (above is null)
                    {
                        continue;
                    }

                    row[i].Merge = MergeKind.Continue;
                    if (above.Merge == MergeKind.None)
                    {
                        above.Merge = MergeKind.Restart;
                    }
                }
            }

            rows.Add(row);
        }

        // Row spans for HTML: a restart cell covers the continuation cells directly below it.
        for (var r = 0; r < rows.Count; r++)
        {
            foreach (var cell in rows[r].Where(c => c.Merge == MergeKind.Restart))
            {
                var span = 1;
                while (r + span < rows.Count && rows[r + span].Any(c => c.Column == cell.Column && c.Merge == MergeKind.Continue))
                {
                    span++;
                }

                cell.RowSpan = span;
            }
        }

        return rows;
    }
}
