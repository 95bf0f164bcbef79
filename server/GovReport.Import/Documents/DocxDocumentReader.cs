using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;

namespace GovReport.Import.Documents;

/// <summary>Reads a .docx (WordprocessingML) body: paragraphs and tables, with gridSpan and vMerge resolved.</summary>
public static class DocxDocumentReader
{
    /// <summary>Reads a .docx from a seekable stream. Throws <see cref="ImportException"/> when it is not a valid .docx.</summary>
    public static ImportedDocument Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new ImportException(ImportErrorReason.CorruptDocument, "Word 文档缺少正文部分（word/document.xml），无法导入。");
            var blocks = new List<DocumentBlock>();
            ReadBlocks(body, blocks);
            return new ImportedDocument(blocks);
        }
        catch (ImportException)
        {
            throw;
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or IOException or System.Xml.XmlException
            or InvalidOperationException or ArgumentException or FormatException or NotSupportedException)
        {
            throw new ImportException(ImportErrorReason.CorruptDocument, "Word 文档已损坏或不完整（无法解析 .docx 文件结构），请重新导出后再导入。", ex);
        }
    }

    private static void ReadBlocks(OpenXmlElement container, List<DocumentBlock> blocks)
    {
        foreach (var element in container.Elements())
        {
            switch (element)
            {
                case Paragraph paragraph:
                    var text = TextResidue.Clean(ParagraphText(paragraph));
                    if (!string.IsNullOrWhiteSpace(text))
                    {
                        blocks.Add(new DocumentParagraph(text));
                    }

                    break;
                case Table table:
                    blocks.Add(ReadTable(table));
                    break;
                case SdtBlock sdt when sdt.SdtContentBlock is { } content:
                    ReadBlocks(content, blocks);
                    break;
                case CustomXmlBlock custom:
                    ReadBlocks(custom, blocks);
                    break;
            }
        }
    }

    private static DocumentTable ReadTable(Table table)
    {
        var builder = new TableBuilder();
        foreach (var row in table.Elements<TableRow>())
        {
            builder.StartRow();
            var rowProperties = row.TableRowProperties;
            var gridBefore = rowProperties?.GetFirstChild<GridBefore>()?.Val?.Value ?? 0;
            builder.SkipColumns(gridBefore);
            foreach (var cell in row.Elements<WordCell>())
            {
                var properties = cell.TableCellProperties;
                var span = properties?.GridSpan?.Val?.Value ?? 1;
                var merge = properties?.VerticalMerge;
                var restart = merge?.Val?.Value == MergedCellValues.Restart;
                var continues = merge is not null && !restart;
                builder.AddWordCell(CellText(cell), span, restart, continues);
            }
        }

        return builder.Build();
    }

    private static string CellText(WordCell cell)
    {
        var lines = new List<string>();
        foreach (var element in cell.Elements())
        {
            switch (element)
            {
                case Paragraph paragraph:
                    lines.Add(ParagraphText(paragraph));
                    break;
                case Table nested:
                    // A table inside a cell is rare in these reports; keep its text so no number is lost.
                    foreach (var nestedCell in nested.Descendants<WordCell>())
                    {
                        lines.Add(CellText(nestedCell));
                    }

                    break;
            }
        }

        return TextResidue.Clean(string.Join('\n', lines));
    }

    private static string ParagraphText(Paragraph paragraph)
    {
        var builder = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                // w:t only: w:delText (deleted revisions) and w:instrText (field codes) are not report text.
                case Text text:
                    builder.Append(text.Text);
                    break;
                case TabChar:
                    builder.Append('\t');
                    break;
                case Break:
                case CarriageReturn:
                    builder.Append('\n');
                    break;
            }
        }

        return builder.ToString();
    }
}
