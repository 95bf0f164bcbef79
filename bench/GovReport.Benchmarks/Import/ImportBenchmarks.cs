using BenchmarkDotNet.Attributes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GovReport.Import;
using GovReport.Import.Documents;
using WordCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;

namespace GovReport.Benchmarks.Import;

/// <summary>Importing one seed report: from its flattened text (target ≤ 1 ms) and from a .docx (target ≤ 20 ms).</summary>
[MemoryDiagnoser]
public class ImportBenchmarks
{
    private byte[] _text = [];
    private byte[] _docx = [];
    private byte[] _html = [];

    [Params("000_aef716c44369ab4f.txt", "003_0b363b8c6b5339b4.txt")]
    public string Seed { get; set; } = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _text = File.ReadAllBytes(Path.Combine(SeedDirectory(), Seed));
        var document = ReportImporter.Read(_text, SourceFormat.Text);
        _docx = WriteDocx(document);
        _html = System.Text.Encoding.UTF8.GetBytes(WriteHtml(document));
    }

    [Benchmark(Baseline = true)]
    public ImportResult FromText() => ReportImporter.Import(_text, "seed.txt");

    [Benchmark]
    public ImportResult FromDocx() => ReportImporter.Import(_docx, "seed.docx");

    [Benchmark]
    public ImportResult FromHtml() => ReportImporter.Import(_html, "seed.html");

    /// <summary>&lt;repo&gt;/../shared/fixtures/seeds, found by walking up from the working directory (or GOVREPORT_SEEDS).</summary>
    internal static string SeedDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GOVREPORT_SEEDS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "seeds");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("Seed reports not found: run from the repository or set GOVREPORT_SEEDS.");
    }

    // A plain .docx of the same content (one cell per source cell; a short row's last cell spans to the edge).
    private static byte[] WriteDocx(ImportedDocument document)
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var body = new Body();
            foreach (var block in document.Blocks)
            {
                if (block is DocumentParagraph paragraph)
                {
                    body.Append(new Paragraph(new Run(new Text(paragraph.Text) { Space = SpaceProcessingModeValues.Preserve })));
                }
                else if (block is DocumentTable table)
                {
                    var docxTable = new Table();
                    for (var r = 0; r < table.RowCount; r++)
                    {
                        var row = table.GetRow(r);
                        var docxRow = new TableRow();
                        for (var i = 0; i < row.Count; i++)
                        {
                            var properties = new TableCellProperties();
                            if (i == row.Count - 1 && table.ColumnCount - i > 1)
                            {
                                properties.Append(new GridSpan { Val = table.ColumnCount - i });
                            }

                            var cell = new WordCell(properties);
                            foreach (var line in row[i].Text.Split('\n'))
                            {
                                cell.Append(new Paragraph(new Run(new Text(line) { Space = SpaceProcessingModeValues.Preserve })));
                            }

                            docxRow.Append(cell);
                        }

                        docxTable.Append(docxRow);
                    }

                    body.Append(docxTable);
                }
            }

            word.AddMainDocumentPart().Document = new Document(body);
        }

        return stream.ToArray();
    }

    private static string WriteHtml(ImportedDocument document)
    {
        var html = new System.Text.StringBuilder("<html><body>");
        foreach (var block in document.Blocks)
        {
            if (block is DocumentParagraph paragraph)
            {
                html.Append("<p>").Append(System.Net.WebUtility.HtmlEncode(paragraph.Text)).Append("</p>");
            }
            else if (block is DocumentTable table)
            {
                html.Append("<table>");
                for (var r = 0; r < table.RowCount; r++)
                {
                    html.Append("<tr>");
                    foreach (var cell in table.GetRow(r))
                    {
                        html.Append("<td>").Append(System.Net.WebUtility.HtmlEncode(cell.Text).Replace("\n", "<br>", StringComparison.Ordinal)).Append("</td>");
                    }

                    html.Append("</tr>");
                }

                html.Append("</table>");
            }
        }

        return html.Append("</body></html>").ToString();
    }
}
