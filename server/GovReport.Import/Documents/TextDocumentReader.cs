namespace GovReport.Import.Documents;

/// <summary>
/// Reads the flattened text form of a .docx: each table cell is a line starting with a tab, rows are separated by
/// a blank line, and a line that does not start with a tab right after a cell continues that cell.
/// </summary>
public static class TextDocumentReader
{
    public static ImportedDocument Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var blocks = new List<DocumentBlock>();
        List<List<string>>? rows = null;
        List<string>? row = null;
        var afterCell = false;
        var blankRun = 0;

        void EndRow()
        {
            if (row is { Count: > 0 })
            {
                rows!.Add(row);
            }

            row = null;
        }

        void EndTable()
        {
            EndRow();
            if (rows is { Count: > 0 })
            {
                blocks.Add(BuildTable(rows));
            }

            rows = null;
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = TextResidue.Clean(lines[i]);
            if (line.Length > 0 && line[0] == '\t')
            {
                rows ??= [];
                row ??= [];
                row.Add(line[1..]);
                afterCell = true;
                blankRun = 0;
                continue;
            }

            if (line.Length == 0)
            {
                if (rows is not null)
                {
                    EndRow();
                }

                afterCell = false;
                blankRun++;
                continue;
            }

            if (afterCell && row is { Count: > 0 })
            {
                row[^1] += "\n" + line;
                continue;
            }

            // A cell with an empty paragraph inside it flattens to "cell / blank / more text / next cell": one blank
            // line, then text immediately followed by the next cell of the same row.
            if (rows is { Count: > 0 } && blankRun == 1 && i + 1 < lines.Length && lines[i + 1].StartsWith('\t') && !LooksNumbered(line))
            {
                var lastRow = rows[^1];
                rows.RemoveAt(rows.Count - 1);
                lastRow[^1] += "\n\n" + line;
                row = lastRow;
                afterCell = true;
                blankRun = 0;
                continue;
            }

            blankRun = 0;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            EndTable();
            blocks.Add(new DocumentParagraph(line));
        }

        EndTable();
        return new ImportedDocument(blocks);
    }

    // "四、…" after a table is a heading, never the tail of a cell.
    private static bool LooksNumbered(string line)
    {
        var trimmed = line.TrimStart();
        var i = 0;
        while (i < trimmed.Length && "一二三四五六七八九十".Contains(trimmed[i], StringComparison.Ordinal))
        {
            i++;
        }

        return i > 0 && i < trimmed.Length && (trimmed[i] == '、' || trimmed[i] == '.');
    }

    private static DocumentTable BuildTable(List<List<string>> rows)
    {
        var builder = new TableBuilder();
        foreach (var cells in rows)
        {
            builder.StartRow();
            foreach (var cell in cells)
            {
                builder.AddCell(cell);
            }
        }

        return builder.Build();
    }
}
