using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace GovReport.Import.Documents;

/// <summary>
/// Reads the HTML of a published report page: block text (&lt;p&gt;, &lt;div&gt;, headings, &lt;br&gt;) as paragraphs
/// and tables with rowspan/colspan resolved. Scripts, styles and navigation are ignored.
/// </summary>
public static class HtmlDocumentReader
{
    private static readonly HashSet<string> IgnoredElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "nav", "noscript", "template", "iframe", "object", "svg", "head", "select", "button",
    };

    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "main", "header",
        "footer", "blockquote", "pre", "dl", "dt", "dd", "center", "form", "fieldset", "address", "figure", "figcaption",
        "caption", "aside", "hr", "tr", "td", "th", "body", "tbody", "thead", "tfoot",
    };

    public static ImportedDocument Read(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var parser = new HtmlParser();
        using var document = parser.ParseDocument(html);
        var reader = new Walker();
        if (document.Body is { } body)
        {
            reader.Walk(body);
        }

        reader.Flush();
        return new ImportedDocument(reader.Blocks);
    }

    private sealed class Walker
    {
        private readonly StringBuilder _line = new();

        public List<DocumentBlock> Blocks { get; } = [];

        public void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        _line.Append(text.Data);
                        break;
                    // Many published pages lay the whole page out in a table: a table holding tables is layout.
                    case IHtmlTableElement table when table.QuerySelector("table") is not null:
                        Flush();
                        Walk(table);
                        Flush();
                        break;
                    case IHtmlTableElement table:
                        Flush();
                        Blocks.Add(ReadTable(table));
                        break;
                    case IElement element when IgnoredElements.Contains(element.LocalName):
                        break;
                    case IElement { LocalName: "br" }:
                        Flush();
                        break;
                    case IElement element when BlockElements.Contains(element.LocalName):
                        Flush();
                        Walk(element);
                        Flush();
                        break;
                    case IElement element:
                        Walk(element);
                        break;
                }
            }
        }

        public void Flush()
        {
            if (_line.Length == 0)
            {
                return;
            }

            var text = TextResidue.Clean(CollapseWhitespace(_line.ToString()));
            _line.Clear();
            if (!string.IsNullOrWhiteSpace(text))
            {
                Blocks.Add(new DocumentParagraph(text));
            }
        }
    }

    private static DocumentTable ReadTable(IHtmlTableElement table)
    {
        var builder = new TableBuilder();
        foreach (var row in table.Rows)
        {
            builder.StartRow();
            foreach (var cell in row.Cells)
            {
                builder.AddCell(CellText(cell), Math.Max(1, cell.ColumnSpan), Math.Max(1, cell.RowSpan));
            }
        }

        return builder.Build();
    }

    private static string CellText(IElement cell)
    {
        var lines = new List<string>();
        var current = new StringBuilder();

        void Flush()
        {
            var text = CollapseWhitespace(current.ToString());
            current.Clear();
            if (!string.IsNullOrWhiteSpace(text))
            {
                lines.Add(text);
            }
        }

        void Walk(INode node)
        {
            foreach (var child in node.ChildNodes)
            {
                switch (child)
                {
                    case IText text:
                        current.Append(text.Data);
                        break;
                    case IElement element when IgnoredElements.Contains(element.LocalName):
                        break;
                    case IElement { LocalName: "br" }:
                        Flush();
                        break;
                    case IElement element when BlockElements.Contains(element.LocalName) || element is IHtmlTableElement:
                        Flush();
                        Walk(element);
                        Flush();
                        break;
                    case IElement element:
                        Walk(element);
                        break;
                }
            }
        }

        Walk(cell);
        Flush();
        return TextResidue.Clean(string.Join('\n', lines));
    }

    // HTML collapses runs of ASCII whitespace (not U+3000, which reports use for indentation) into one space.
    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var inSpace = false;
        foreach (var ch in text)
        {
            var isSpace = ch is ' ' or '\t' or '\n' or '\r' or '\f' or '\u00A0';
            if (isSpace)
            {
                if (!inSpace)
                {
                    builder.Append(' ');
                }

                inSpace = true;
            }
            else
            {
                builder.Append(ch);
                inSpace = false;
            }
        }

        return builder.ToString().Trim(' ');
    }
}
