using System.Text;
using System.Text.RegularExpressions;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Import.Documents;

namespace GovReport.Import.Internal;

/// <summary>Intermediate document → Report + import notes.</summary>
internal static partial class ReportMapper
{
    public static ImportResult Map(ImportedDocument document, ImportOptions options, SourceFormat format)
    {
        var notes = new List<ImportNote>();
        var parts = new List<PartBuilder>();
        var preamble = new List<string>();
        var paragraphs = new List<string>();
        PartBuilder? current = null;

        // Pass 1: title and year come from the text before the first part heading.
        foreach (var block in document.Blocks)
        {
            if (block is DocumentParagraph p && Headings.Classify(p.Text, inCell: false) is null)
            {
                preamble.Add(Clean(p.Text));
                continue;
            }

            break;
        }

        var (titleAgency, titleYear) = ReadTitle(preamble);
        var year = options.Year ?? titleYear ?? YearFromText(document);
        if (year is null)
        {
            throw new ImportException(ImportErrorReason.MissingYear, "无法从文档中识别报告年度（标题中应有“××××年”），请在导入时指定年度。");
        }

        var yearTemplate = year >= 2021 ? TemplateId.Template2021 : TemplateId.Template2019;
        var tables = new TableMapper(notes, yearTemplate);

        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case DocumentParagraph paragraph:
                    var text = Clean(paragraph.Text);
                    paragraphs.Add(text);
                    if (Headings.Classify(paragraph.Text, inCell: false) is { } heading)
                    {
                        current = new PartBuilder(heading.Part, Clean(heading.Heading), parts.Count);
                        parts.Add(current);
                    }
                    else
                    {
                        current?.Lines.Add(text);
                    }

                    break;
                case DocumentTable table:
                    tables.StartTable();
                    for (var r = 0; r < table.RowCount; r++)
                    {
                        var cells = table.GetRow(r).Select(c => c.Text).ToList();
                        // The flattened form can carry a part heading inside the first cell of a table ("三、收到和处理…").
                        for (var i = 0; i < cells.Count; i++)
                        {
                            if (cells[i].Length == 0)
                            {
                                continue;
                            }

                            var lines = cells[i].Split('\n');
                            if (Headings.Classify(lines[0], inCell: true) is { Part: not null } inCell)
                            {
                                current = new PartBuilder(inCell.Part, Clean(inCell.Heading), parts.Count);
                                parts.Add(current);
                                cells[i] = string.Join('\n', lines.Skip(1));
                            }

                            break;
                        }

                        tables.AddRow(cells, current?.Order ?? -1);
                    }

                    break;
            }
        }

        tables.EndDocument();

        // The template the tables follow: counted from labels, the year's template when they do not say.
        var layout = tables.Markers2019 == tables.Markers2021
            ? yearTemplate
            : tables.Markers2019 > tables.Markers2021 ? TemplateId.Template2019 : TemplateId.Template2021;
        if (layout != yearTemplate)
        {
            notes.Add(new ImportNote(ImportNoteCodes.TemplateMismatch, ImportNoteSeverity.Warning,
                $"{year}年度报告应使用{TemplateName(yearTemplate)}，但表格按{TemplateName(layout)}编制；按表格实际格式导入。"));
        }

        var template = TemplateRegistry.Get(layout);
        var builder = new ReportBuilder(template, year.Value)
        {
            AgencyName = options.AgencyName ?? titleAgency,
            PublicationDate = options.PublicationDate ?? FindPublicationDate(paragraphs) ?? FindPageDate(paragraphs),
        };
        builder.AgencyKind = KindOf(builder.AgencyName);

        if (parts.Count > 0)
        {
            TrimSignature(parts[^1].Lines, builder.AgencyName);
        }

        foreach (var part in parts)
        {
            builder.AddPart(part.Part, part.Heading, string.Join('\n', part.Lines.Where(l => l.Length > 0)));
        }

        PlaceCells(builder, tables.Placements, notes);

        foreach (var obsolete in tables.ObsoleteTables)
        {
            builder.ExtraTables.Add(new ExtraTable(ExtraTableKind.ObsoleteStatistics, "统计指标", obsolete.PartOrder));
            var items = obsolete.Rows.Where(r => r.Length > 0).Select(r => string.Join(" ", r)).ToList();
            var where = obsolete.PartOrder >= 0 && obsolete.PartOrder < parts.Count ? $"（位于“{parts[obsolete.PartOrder].Heading}”）" : string.Empty;
            notes.Add(new ImportNote(ImportNoteCodes.ObsoleteTable, ImportNoteSeverity.Warning,
                $"发现2019年以前格式的“统计指标”表{where}，该表不属于现行模板，其中 {items.Count} 行数据未导入：{string.Join("；", items)}。",
                "统计指标", Text: string.Join("；", items)));
        }

        if (!tables.SawActive)
        {
            notes.Add(new ImportNote(ImportNoteCodes.MissingTable, ImportNoteSeverity.Warning, "没有找到主动公开政府信息情况表（第二十条各项）。", "表二"));
        }

        if (!tables.SawApplications)
        {
            notes.Add(new ImportNote(ImportNoteCodes.MissingTable, ImportNoteSeverity.Warning, "没有找到收到和处理政府信息公开申请情况表。", "表三"));
        }

        if (!tables.SawReviews)
        {
            notes.Add(new ImportNote(ImportNoteCodes.MissingTable, ImportNoteSeverity.Warning, "没有找到政府信息公开行政复议、行政诉讼情况表。", "表四"));
        }

        if (string.IsNullOrWhiteSpace(builder.AgencyName))
        {
            notes.Add(new ImportNote(ImportNoteCodes.MissingAgencyName, ImportNoteSeverity.Warning,
                "文档中没有找到发布机关名称（标题或落款），请补充填写机关名称。"));
        }
        else if (builder.AgencyKind == AgencyKind.Unknown)
        {
            notes.Add(new ImportNote(ImportNoteCodes.AgencyKindUnknown, ImportNoteSeverity.Info,
                $"无法从机关名称“{builder.AgencyName}”判断机关类型（人民政府、政府部门或乡镇街道），请补充填写。"));
        }

        if (builder.PublicationDate is null)
        {
            notes.Add(new ImportNote(ImportNoteCodes.MissingPublicationDate, ImportNoteSeverity.Warning,
                "文档中没有找到发布日期（落款日期），请补充填写发布日期，以便检查是否按时公布。"));
        }

        if (options.Year is not null && titleYear is not null && options.Year != titleYear)
        {
            notes.Add(new ImportNote(ImportNoteCodes.YearFromOptions, ImportNoteSeverity.Info,
                $"文档标题中的年度为{titleYear}年，按指定的{options.Year}年度导入。"));
        }

        return new ImportResult(builder.Build(), notes, format, layout);
    }

    private static void PlaceCells(ReportBuilder builder, List<Placement> placements, List<ImportNote> notes)
    {
        var placed = new Dictionary<string, Placement>(StringComparer.Ordinal);
        foreach (var placement in placements)
        {
            if (placed.TryGetValue(placement.Address, out var earlier))
            {
                if (earlier.Value != placement.Value && placement.Value.State != CellState.Blank)
                {
                    notes.Add(new ImportNote(ImportNoteCodes.DuplicateValue, ImportNoteSeverity.Warning,
                        $"{placement.Table}中“{placement.RowLabel}”行“{placement.ColumnLabel}”列出现了两次，保留第一次的“{TableMapper.Collapse(earlier.Text)}”，第二次的“{TableMapper.Collapse(placement.Text)}”未导入。",
                        placement.Table, placement.RowLabel, placement.ColumnLabel, TableMapper.Collapse(placement.Text)));
                }

                continue;
            }

            if (!builder.TrySetCell(placement.Address, placement.Value))
            {
                if (placement.Value.State != CellState.Blank)
                {
                    notes.Add(new ImportNote(ImportNoteCodes.UnplacedValue, ImportNoteSeverity.Warning,
                        $"{placement.Table}中“{placement.RowLabel}”行“{placement.ColumnLabel}”列的数值“{TableMapper.Collapse(placement.Text)}”在{TemplateName(builder.Template.Id)}中没有对应单元格，未导入。",
                        placement.Table, placement.RowLabel, placement.ColumnLabel, TableMapper.Collapse(placement.Text)));
                }

                continue;
            }

            placed.Add(placement.Address, placement);
        }
    }

    private static (string? Agency, int? Year) ReadTitle(List<string> preamble)
    {
        for (var i = 0; i < Math.Min(preamble.Count, 6); i++)
        {
            var normalized = Labels.Normalize(preamble[i]);
            if (normalized.Length > 80 || !normalized.Contains("报告", StringComparison.Ordinal) && !normalized.Contains("年报", StringComparison.Ordinal))
            {
                continue;
            }

            var match = YearPattern().Match(normalized);
            if (!match.Success || Labels.ParseYear(match.Groups[1].Value) is not { } year || year is < 2000 or > 2100)
            {
                continue;
            }

            var agency = normalized[..match.Index];
            if (agency.EndsWith("关于", StringComparison.Ordinal))
            {
                agency = agency[..^2];
            }

            if (agency.Length == 0 && i > 0)
            {
                var previous = Labels.Normalize(preamble[i - 1]);
                if (previous.Length is > 0 and <= 40 && !previous.Contains('。', StringComparison.Ordinal) && !YearPattern().IsMatch(previous))
                {
                    agency = previous;
                }
            }

            return (agency.Length == 0 ? null : agency, year);
        }

        return (null, null);
    }

    // "本报告所列数据的统计期限自2019年1月1日起至2019年12月31日止" when the title has no year.
    private static int? YearFromText(ImportedDocument document)
    {
        foreach (var block in document.Blocks)
        {
            if (block is DocumentParagraph p && PeriodPattern().Match(Labels.Normalize(p.Text)) is { Success: true } m)
            {
                return int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    /// <summary>The signing date: a short line at the end of the document that ends with a date.</summary>
    private static DateOnly? FindPublicationDate(List<string> paragraphs)
    {
        var checkedCount = 0;
        for (var i = paragraphs.Count - 1; i >= 0 && checkedCount < 8; i--)
        {
            var normalized = Labels.Normalize(paragraphs[i]);
            if (normalized.Length == 0)
            {
                continue;
            }

            checkedCount++;
            if (normalized.Length > 60)
            {
                continue;
            }

            var match = DatePattern().Match(normalized);
            if (!match.Success)
            {
                continue;
            }

            var year = Labels.ParseYear(match.Groups[1].Value);
            var month = Labels.ParseSmallNumber(match.Groups[2].Value);
            var day = Labels.ParseSmallNumber(match.Groups[3].Value);
            if (year is { } y && month is { } m && day is { } d && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
            {
                return new DateOnly(y, m, d);
            }
        }

        return null;
    }

    /// <summary>The closing signature (agency line, date line) is not narrative of the last part.</summary>
    private static void TrimSignature(List<string> lines, string? agencyName)
    {
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count > 0 && Labels.Normalize(lines[^1]) is { Length: <= 60 } last && DatePattern().IsMatch(last))
        {
            var beforeDate = last[..DatePattern().Match(last).Index];
            lines.RemoveAt(lines.Count - 1);
            if (beforeDate.Length > 0)
            {
                return;
            }
        }

        if (lines.Count > 0 && Labels.Normalize(lines[^1]) is { Length: > 0 and <= 30 } signature && !signature.Contains('。', StringComparison.Ordinal)
            && (signature == Labels.Normalize(agencyName) || KindOf(signature) != AgencyKind.Unknown) && !signature.Any(char.IsAsciiDigit))
        {
            lines.RemoveAt(lines.Count - 1);
        }
    }

    /// <summary>Published pages print "发布日期：2020-01-18" (or 发布时间) above the report: used when there is no signing date.</summary>
    private static DateOnly? FindPageDate(List<string> paragraphs)
    {
        foreach (var paragraph in paragraphs)
        {
            var match = PageDatePattern().Match(Labels.Normalize(paragraph));
            if (match.Success && DateOnly.TryParseExact(
                    $"{match.Groups[1].Value}-{match.Groups[2].Value.PadLeft(2, '0')}-{match.Groups[3].Value.PadLeft(2, '0')}",
                    "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date))
            {
                return date;
            }
        }

        return null;
    }

    /// <summary>
    /// 第四十九条: a 人民政府 publishes the 本级政府 report; its 办公厅/办公室 and other bodies are departments;
    /// 乡镇 governments and 街道办事处 are townships.
    /// </summary>
    internal static AgencyKind KindOf(string? agencyName)
    {
        if (string.IsNullOrWhiteSpace(agencyName))
        {
            return AgencyKind.Unknown;
        }

        var name = Labels.Normalize(agencyName);
        if (name.EndsWith("街道办事处", StringComparison.Ordinal) || name.EndsWith("街道", StringComparison.Ordinal)
            || name.EndsWith("乡人民政府", StringComparison.Ordinal) || name.EndsWith("镇人民政府", StringComparison.Ordinal)
            || name.EndsWith("乡政府", StringComparison.Ordinal) || name.EndsWith("镇政府", StringComparison.Ordinal))
        {
            return AgencyKind.TownshipOrStreet;
        }

        if (name.EndsWith("人民政府", StringComparison.Ordinal))
        {
            return AgencyKind.Government;
        }

        string[] departmentEndings = ["办公厅", "办公室", "局", "委员会", "委", "厅", "办", "中心", "署", "院", "所", "站", "队", "会", "部", "处", "司", "馆"];
        return departmentEndings.Any(e => name.EndsWith(e, StringComparison.Ordinal)) ? AgencyKind.Department : AgencyKind.Unknown;
    }

    private static string TemplateName(TemplateId id) =>
        id == TemplateId.Template2019 ? "2019年版格式（国办公开办函〔2019〕60号）" : "2021年版格式（国办公开办函〔2021〕30号）";

    /// <summary>Narrative text: trimmed, runs of ASCII whitespace collapsed (HTML does the same).</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var ch in text.Trim())
        {
            if (ch is ' ' or '\t' or '\u00A0' or '\n' or '\r')
            {
                space = true;
                continue;
            }

            if (space && builder.Length > 0)
            {
                builder.Append(' ');
            }

            space = false;
            builder.Append(ch);
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"((?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})年")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"((?:19|20)\d{2})年1月1日")]
    private static partial Regex PeriodPattern();

    [GeneratedRegex(@"((?:19|20)\d{2}|[〇零○O一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$")]
    private static partial Regex DatePattern();

    [GeneratedRegex(@"发布(?:日期|时间)[:]((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})")]
    private static partial Regex PageDatePattern();

    private sealed class PartBuilder(PartCode? part, string heading, int order)
    {
        public PartCode? Part { get; } = part;

        public string Heading { get; } = heading;

        public int Order { get; } = order;

        public List<string> Lines { get; } = [];
    }
}
