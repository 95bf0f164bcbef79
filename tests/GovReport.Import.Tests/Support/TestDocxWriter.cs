using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GovReport.Import.Documents;
using TableCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;

namespace GovReport.Import.Tests.Support;

/// <summary>Writes an intermediate document as a real .docx: paragraphs and tables with gridSpan and vMerge.</summary>
public static class TestDocxWriter
{
    public static byte[] Write(ImportedDocument document)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            var body = new Body();
            foreach (var block in document.Blocks)
            {
                switch (block)
                {
                    case DocumentParagraph paragraph:
                        body.Append(Paragraph(paragraph.Text));
                        break;
                    case DocumentTable table:
                        body.Append(Table(table));
                        break;
                }
            }

            body.Append(new SectionProperties());
            main.Document = new Document(body);
            main.Document.Save();
        }

        return stream.ToArray();
    }

    private static Paragraph Paragraph(string text) =>
        new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Table Table(DocumentTable source)
    {
        var table = new Table(new TableProperties(new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })));
        var grid = new TableGrid();
        for (var c = 0; c < source.ColumnCount; c++)
        {
            grid.Append(new GridColumn { Width = "1200" });
        }

        table.Append(grid);
        foreach (var row in MergeLayout.Of(source))
        {
            var tableRow = new TableRow();
            foreach (var cell in row)
            {
                var properties = new TableCellProperties();
                if (cell.Span > 1)
                {
                    properties.Append(new GridSpan { Val = cell.Span });
                }

                if (cell.Merge == MergeKind.Restart)
                {
                    properties.Append(new VerticalMerge { Val = MergedCellValues.Restart });
                }
                else if (cell.Merge == MergeKind.Continue)
                {
                    properties.Append(new VerticalMerge());
                }

                var tableCell = new TableCell(properties);
                foreach (var line in cell.Text.Split('\n'))
                {
                    tableCell.Append(Paragraph(line));
                }

                tableRow.Append(tableCell);
            }

            table.Append(tableRow);
        }

        return table;
    }
}
