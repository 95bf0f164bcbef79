using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using GovReport.Import.Documents;
using TableCell = DocumentFormat.OpenXml.Wordprocessing.TableCell;

namespace GovReport.Import.Tests;

public class ReaderTests
{
    [Fact]
    public void TextRead_CellContinuationLines_JoinIntoOneCell()
    {
        var document = TextDocumentReader.Read("标题\n\t行政复议\n\t结\n果\n纠\n正\n\t总计\n \n\n\t1\n\t0\n\n\n四、下一部分\n");

        var table = Assert.IsType<DocumentTable>(document.Blocks[1]);
        Assert.Equal(["行政复议", "结\n果\n纠\n正", "总计\n "], table.GetRow(0).Select(c => c.Text));
        Assert.Equal(["1", "0"], table.GetRow(1).Select(c => c.Text));
        Assert.Equal("四、下一部分", Assert.IsType<DocumentParagraph>(document.Blocks[2]).Text);
    }

    [Fact]
    public void TextRead_BookmarkResidue_Removed()
    {
        var document = TextDocumentReader.Read("[bookmark: _GoBack]2020年，我办\n[bookmark: bookmark7]（三）政府信息管理情况\n");

        Assert.Equal(["2020年，我办", "（三）政府信息管理情况"], document.Blocks.Cast<DocumentParagraph>().Select(p => p.Text));
    }

    [Fact]
    public void DocxRead_GridSpanAndVerticalMerge_ResolvedIntoGrid()
    {
        using var stream = new MemoryStream();
        using (var word = WordprocessingDocument.Create(stream, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            var main = word.AddMainDocumentPart();
            static TableCell Cell(string text, int span = 1, MergedCellValues? merge = null, bool mergeContinue = false)
            {
                var properties = new TableCellProperties();
                if (span > 1)
                {
                    properties.Append(new GridSpan { Val = span });
                }

                if (merge is not null)
                {
                    properties.Append(new VerticalMerge { Val = merge });
                }
                else if (mergeContinue)
                {
                    properties.Append(new VerticalMerge());
                }

                return new TableCell(properties, new Paragraph(new Run(new Text(text))));
            }

            var table = new Table(
                new TableRow(Cell("行政复议", 2), Cell("总计", merge: MergedCellValues.Restart)),
                new TableRow(Cell("维持"), Cell("纠正"), Cell(string.Empty, mergeContinue: true)),
                new TableRow(Cell("1"), Cell("0"), Cell("1")));
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("[bookmark: _GoBack]标题"))), table));
            main.Document.Save();
        }

        stream.Position = 0;
        var document = DocxDocumentReader.Read(stream);

        Assert.Equal("标题", Assert.IsType<DocumentParagraph>(document.Blocks[0]).Text);
        var grid = Assert.IsType<DocumentTable>(document.Blocks[1]);
        Assert.Equal(3, grid.ColumnCount);
        Assert.Equal(3, grid.RowCount);
        Assert.Same(grid[0, 0], grid[0, 1]);
        Assert.Same(grid[0, 2], grid[1, 2]);
        Assert.Equal(2, grid[0, 2]!.RowSpan);
        Assert.Equal(["维持", "纠正", string.Empty], grid.GetRow(1).Select(c => c.Text));
        Assert.True(grid.GetRow(1)[2].IsContinuation);
    }

    [Fact]
    public void HtmlRead_RowspanColspanAndIgnoredElements()
    {
        var html = "<html><head><style>p{}</style></head><body><nav>首页 | 政务公开</nav><script>alert(1)</script>"
            + "<div>第一段<br>第二段</div><p>  多个   空格　全角  </p>"
            + "<table><tr><td rowspan=\"2\">三、本年度办理结果</td><td colspan=\"2\">（一）予以公开</td></tr>"
            + "<tr><td>3</td><td><p>结</p><p>果</p></td></tr></table></body></html>";

        var document = HtmlDocumentReader.Read(html);

        Assert.Equal(["第一段", "第二段", "多个 空格　全角"], document.Blocks.OfType<DocumentParagraph>().Select(p => p.Text));
        var table = Assert.Single(document.Blocks.OfType<DocumentTable>());
        Assert.Equal(3, table.ColumnCount);
        Assert.Same(table[0, 0], table[1, 0]);
        Assert.Same(table[0, 1], table[0, 2]);
        Assert.Equal([string.Empty, "3", "结\n果"], table.GetRow(1).Select(c => c.Text));
    }

    [Fact]
    public void HtmlRead_LayoutTableAroundContent_ReadsInnerTablesAndText()
    {
        var html = "<html><body><table width=\"100%\"><tr><td>网站导航</td></tr><tr><td>"
            + "<p>某局2019年政府信息公开工作年度报告</p><table><tr><td>规章</td><td>0</td></tr></table><p>六、其他需要报告的事项</p>"
            + "</td></tr></table></body></html>";

        var document = HtmlDocumentReader.Read(html);

        Assert.Equal(["网站导航", "某局2019年政府信息公开工作年度报告", "六、其他需要报告的事项"], document.Blocks.OfType<DocumentParagraph>().Select(p => p.Text));
        var table = Assert.Single(document.Blocks.OfType<DocumentTable>());
        Assert.Equal(["规章", "0"], table.GetRow(0).Select(c => c.Text));
    }

    [Fact]
    public void Import_Gb18030Text_Decoded()
    {
        var text = "某某局\n2019年度政府信息公开工作年度报告\n一、总体情况\n\t规章\n\t1\n";
        var gb = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

        var result = ReportImporter.Import(gb.GetBytes(text), "gbk.txt");

        Assert.Equal("某某局", result.Report.AgencyName);
    }
}
