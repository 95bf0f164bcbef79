using System.Text;
using GovReport.Import.Documents;
using GovReport.Import.Tests.Support;

namespace GovReport.Import.Tests;

/// <summary>
/// Each seed imported from its text, from a .docx built from it (real tables, gridSpan + vMerge) and from an HTML
/// page built from it (rowspan/colspan, nav and scripts around) gives the same report and the same notes.
/// </summary>
public class RoundTripTests
{
    [Theory]
    [MemberData(nameof(SeedFiles.All), MemberType = typeof(SeedFiles))]
    public void Import_DocxBuiltFromSeed_SameReportAsText(string name)
    {
        var fromText = ReportImporter.Import(SeedFiles.Bytes(name), name);
        var docx = TestDocxWriter.Write(TextDocumentReader.Read(SeedFiles.Text(name)));

        var fromDocx = ReportImporter.Import(docx, Path.ChangeExtension(name, ".docx"));

        Assert.Equal(SourceFormat.Docx, fromDocx.Format);
        Assert.Equal(ReportCanonicalForm.Of(fromText), ReportCanonicalForm.Of(fromDocx));
    }

    [Theory]
    [MemberData(nameof(SeedFiles.All), MemberType = typeof(SeedFiles))]
    public void Import_HtmlBuiltFromSeed_SameReportAsText(string name)
    {
        var fromText = ReportImporter.Import(SeedFiles.Bytes(name), name);
        var html = TestHtmlWriter.Write(TextDocumentReader.Read(SeedFiles.Text(name)));

        var fromHtml = ReportImporter.Import(Encoding.UTF8.GetBytes(html), Path.ChangeExtension(name, ".html"));

        Assert.Equal(SourceFormat.Html, fromHtml.Format);
        Assert.Equal(ReportCanonicalForm.Of(fromText), ReportCanonicalForm.Of(fromHtml));
    }

    [Fact]
    public void Write_Seed000Docx_UsesRealMergedCells()
    {
        var docx = TestDocxWriter.Write(TextDocumentReader.Read(SeedFiles.Text("000_aef716c44369ab4f.txt")));
        using var stream = new MemoryStream(docx);
        var document = DocxDocumentReader.Read(stream);

        var tables = document.Blocks.OfType<DocumentTable>().ToList();
        Assert.Contains(tables, t => t.Cells.Any(c => c.ColumnSpan > 1));
        Assert.Contains(tables, t => t.Cells.Any(c => c.RowSpan > 1));
    }

    [Fact]
    public void Import_SameContentWithoutExtension_SniffsFormat()
    {
        var text = SeedFiles.Bytes("000_aef716c44369ab4f.txt");
        var docx = TestDocxWriter.Write(TextDocumentReader.Read(SeedFiles.Text("000_aef716c44369ab4f.txt")));
        var html = Encoding.UTF8.GetBytes(TestHtmlWriter.Write(TextDocumentReader.Read(SeedFiles.Text("000_aef716c44369ab4f.txt"))));

        Assert.Equal(SourceFormat.Text, ReportImporter.Import(text, "report").Format);
        Assert.Equal(SourceFormat.Docx, ReportImporter.Import(docx, "report").Format);
        Assert.Equal(SourceFormat.Html, ReportImporter.Import(html, "report").Format);
    }
}
