using System.IO.Compression;
using System.Text;
using GovReport.Import.Documents;
using GovReport.Import.Tests.Support;

namespace GovReport.Import.Tests;

/// <summary>Bad input gets a typed <see cref="ImportException"/> with a Chinese reason and a reason code; nothing crashes.</summary>
public class BadInputTests
{
    [Theory]
    [InlineData("random.bin")]
    [InlineData("random.txt")]
    [InlineData("random")]
    public void Import_RandomBytes_UnsupportedFormat(string fileName)
    {
        var bytes = new byte[64 * 1024];
        new Random(20240601).NextBytes(bytes);

        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(bytes, fileName));

        Assert.Equal(ImportErrorReason.UnsupportedFormat, error.Reason);
        Assert.Equal("IMPORT_UNSUPPORTED_FORMAT", error.ReasonCode);
        Assert.Contains("无法导入", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsResourceExhausted);
    }

    [Fact]
    public void Import_RandomBytesNamedDocx_CorruptDocument()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(bytes, "report.docx"));

        Assert.Equal(ImportErrorReason.CorruptDocument, error.Reason);
        Assert.Contains(".docx", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    [InlineData(0.98)]
    public void Import_TruncatedDocx_CorruptDocument(double keep)
    {
        var docx = TestDocxWriter.Write(TextDocumentReader.Read(SeedFiles.Text("000_aef716c44369ab4f.txt")));
        var truncated = docx.AsSpan(0, (int)(docx.Length * keep)).ToArray();

        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(truncated, "report.docx"));

        Assert.Equal(ImportErrorReason.CorruptDocument, error.Reason);
        Assert.Equal("IMPORT_CORRUPT_DOCUMENT", error.ReasonCode);
        Assert.Contains("损坏或不完整", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ZipWithoutWordParts_CorruptDocument()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open());
            writer.Write("not a word document");
        }

        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(stream.ToArray(), "report.docx"));

        Assert.Equal(ImportErrorReason.CorruptDocument, error.Reason);
    }

    [Fact]
    public void Import_HtmlWithoutTables_NoTables()
    {
        var html = "<html><head><script>var t='<table><tr><td>1</td></tr></table>';</script></head><body><nav>首页</nav>"
            + "<h1>某某局2020年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>2020年，我局……</p></body></html>";

        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(Encoding.UTF8.GetBytes(html), "page.html"));

        Assert.Equal(ImportErrorReason.NoTables, error.Reason);
        Assert.Equal("IMPORT_NO_TABLES", error.ReasonCode);
        Assert.Contains("没有找到任何表格", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_FileOver50MB_FileTooLarge()
    {
        var bytes = new byte[(50 * 1024 * 1024) + 1];
        Array.Fill(bytes, (byte)'a');
        var path = Path.Combine(Path.GetTempPath(), "govreport-h4-" + Guid.NewGuid().ToString("N") + ".txt");
        File.WriteAllBytes(path, bytes);
        try
        {
            var error = Assert.Throws<ImportException>(() => ReportImporter.Import(File.ReadAllBytes(path), path));

            Assert.Equal(ImportErrorReason.FileTooLarge, error.Reason);
            Assert.Equal("IMPORT_FILE_TOO_LARGE", error.ReasonCode);
            Assert.True(error.IsResourceExhausted);
            Assert.Contains("超过导入上限 50 MB", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Import_EmptyFile_EmptyDocument()
    {
        var error = Assert.Throws<ImportException>(() => ReportImporter.Import([], "empty.txt"));

        Assert.Equal(ImportErrorReason.EmptyDocument, error.Reason);
    }

    [Fact]
    public void Import_TextWithTablesButNoYear_MissingYear()
    {
        var text = "某某局工作报告\n一、总体情况\n正文。\n\t规章\n\t1\n";

        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(Encoding.UTF8.GetBytes(text), "x.txt"));

        Assert.Equal(ImportErrorReason.MissingYear, error.Reason);
        Assert.Contains("年度", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.doc")]
    [InlineData("report.pdf")]
    public void Import_UnsupportedExtension_SaysWhatToDo(string fileName)
    {
        var error = Assert.Throws<ImportException>(() => ReportImporter.Import(Encoding.UTF8.GetBytes("x"), fileName));

        Assert.Equal(ImportErrorReason.UnsupportedFormat, error.Reason);
        Assert.Contains(".docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_HtmlWithHugeSpans_StaysBounded()
    {
        var html = "<table><tr><td colspan=\"100000\" rowspan=\"100000\">2019年</td></tr><tr><td>1</td></tr></table>"
            + "<p>某局2019年政府信息公开工作年度报告</p>";

        var result = ReportImporter.Import(Encoding.UTF8.GetBytes("<html><body><p>某局2019年政府信息公开工作年度报告</p>" + html + "</body></html>"), "x.html");

        Assert.Equal(2019, result.Report.Year);
    }
}
