using System.Net;
using System.Text;
using GovReport.Import.Documents;

namespace GovReport.Import.Tests.Support;

/// <summary>Renders an intermediate document as a published page: nav, script, &lt;p&gt; text, tables with rowspan/colspan.</summary>
public static class TestHtmlWriter
{
    public static string Write(ImportedDocument document)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>政府信息公开工作年度报告</title>")
            .Append("<style>td{border:1px solid #000}</style><script>var x = '<p>不是正文</p>';</script></head><body>\n")
            .Append("<nav><ul><li>首页</li><li>政务公开</li><li>2019年</li></ul></nav>\n<div class=\"content\">\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case DocumentParagraph paragraph:
                    html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph.Text)).Append("</p>\n");
                    break;
                case DocumentTable table:
                    AppendTable(html, table);
                    break;
            }
        }

        html.Append("</div>\n<script>document.title = '123';</script></body></html>\n");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, DocumentTable table)
    {
        html.Append("<table>\n<tbody>\n");
        foreach (var row in MergeLayout.Of(table))
        {
            html.Append("<tr>");
            foreach (var cell in row.Where(c => c.Merge != MergeKind.Continue))
            {
                html.Append("<td");
                if (cell.Span > 1)
                {
                    html.Append(" colspan=\"").Append(cell.Span).Append('"');
                }

                if (cell.RowSpan > 1)
                {
                    html.Append(" rowspan=\"").Append(cell.RowSpan).Append('"');
                }

                html.Append('>');
                var lines = cell.Text.Split('\n');
                if (lines.Length == 1)
                {
                    html.Append(WebUtility.HtmlEncode(lines[0]));
                }
                else
                {
                    foreach (var line in lines)
                    {
                        html.Append("<p>").Append(WebUtility.HtmlEncode(line)).Append("</p>");
                    }
                }

                html.Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }
}
