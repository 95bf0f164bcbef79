using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Import.Documents;

namespace GovReport.Import.Internal;

/// <summary>A value found in a table and the template cell it belongs to.</summary>
internal sealed record Placement(string Address, CellValue Value, string Table, string RowLabel, string ColumnLabel, string Text);

/// <summary>
/// Walks table rows (across tables: the flattened form can join table 二 and 三 into one) and places each value by
/// its row and column labels. Regions: table 二 blocks, table 三, table 四, the obsolete 统计指标 table, unknown.
/// </summary>
internal sealed class TableMapper
{
    private const string Table2 = "表二（主动公开政府信息情况）";
    private const string Table3 = "表三（收到和处理政府信息公开申请情况）";
    private const string Table4 = "表四（行政复议、行政诉讼情况）";

    private readonly List<ImportNote> _notes;
    private readonly TemplateId _yearTemplate;
    private Region _region;
    private string? _block;
    private List<(string? Code, string Label)>? _activeColumns;
    private readonly List<List<string>> _headerRows = [];
    private (string Code, string Label)[]? _applicationColumns;
    private (string Group, string Column, string Label)[]? _reviewColumns;
    private string? _applicationGroup;
    private ObsoleteTable? _obsolete;

    public TableMapper(List<ImportNote> notes, TemplateId yearTemplate)
    {
        _notes = notes;
        _yearTemplate = yearTemplate;
    }

    private enum Region
    {
        None,
        Active,
        ApplicationsHeader,
        Applications,
        ReviewsHeader,
        Reviews,
        Obsolete,
    }

    public List<Placement> Placements { get; } = [];

    public List<ObsoleteTable> ObsoleteTables { get; } = [];

    public int Markers2019 { get; private set; }

    public int Markers2021 { get; private set; }

    public bool SawActive { get; private set; }

    public bool SawApplications { get; private set; }

    public bool SawReviews { get; private set; }

    /// <summary>Resets the region at a table boundary only where a region cannot continue across tables.</summary>
    public void StartTable()
    {
        if (_region is Region.Obsolete or Region.Reviews or Region.Active or Region.Applications)
        {
            _region = Region.None;
        }
    }

    public void EndDocument()
    {
        if (_region == Region.ApplicationsHeader || _region == Region.ReviewsHeader)
        {
            _notes.Add(new ImportNote(ImportNoteCodes.MissingTable, ImportNoteSeverity.Warning,
                $"{(_region == Region.ApplicationsHeader ? Table3 : Table4)}只有表头，没有找到数据行。"));
        }
    }

    /// <summary>Maps one row (texts as read left to right); partOrder is the part the row sits in.</summary>
    public void AddRow(IReadOnlyList<string> cells, int partOrder)
    {
        var normalized = new string[cells.Count];
        var parsed = new CellValue[cells.Count];
        for (var i = 0; i < cells.Count; i++)
        {
            normalized[i] = Labels.Normalize(cells[i]);
            parsed[i] = Cells.Parse(cells[i]);
        }

        var joined = string.Concat(normalized);
        var nonEmpty = normalized.Count(n => n.Length > 0);
        if (nonEmpty == 0)
        {
            return;
        }

        // Table 二 block caption: 第二十条第（X）项 on a row of its own.
        if (nonEmpty <= 2 && TableCatalog.ActiveBlock(joined) is { } block)
        {
            _region = Region.Active;
            _block = block;
            _activeColumns = null;
            SawActive = true;
            if (block == "art20_9")
            {
                Markers2019++;
            }

            return;
        }

        if (joined.Contains("统计指标", StringComparison.Ordinal) || (joined.Contains("单位", StringComparison.Ordinal) && joined.Contains("统计数", StringComparison.Ordinal)))
        {
            _region = Region.Obsolete;
            _obsolete = new ObsoleteTable(partOrder);
            ObsoleteTables.Add(_obsolete);
            return;
        }

        if (_region != Region.ApplicationsHeader && (joined.Contains("申请人情况", StringComparison.Ordinal) || joined.Contains("勾稽关系", StringComparison.Ordinal)
            || (joined.Contains("自然人", StringComparison.Ordinal) && joined.Contains("总计", StringComparison.Ordinal))))
        {
            _region = Region.ApplicationsHeader;
            _headerRows.Clear();
            _headerRows.Add([.. normalized]);
            _applicationColumns = null;
            _applicationGroup = null;
            SawApplications = true;
            return;
        }

        if (_region != Region.ReviewsHeader && joined.Contains("行政复议", StringComparison.Ordinal)
            && (joined.Contains("行政诉讼", StringComparison.Ordinal) || joined.Contains("维持", StringComparison.Ordinal)))
        {
            _region = Region.ReviewsHeader;
            _headerRows.Clear();
            _headerRows.Add([.. normalized]);
            _reviewColumns = null;
            SawReviews = true;
            return;
        }

        switch (_region)
        {
            case Region.Active:
                AddActiveRow(cells, normalized, parsed);
                break;
            case Region.ApplicationsHeader:
            case Region.Applications:
                AddApplicationsRow(cells, normalized, parsed);
                break;
            case Region.ReviewsHeader:
            case Region.Reviews:
                AddReviewsRow(cells, normalized, parsed);
                break;
            case Region.Obsolete:
                _obsolete!.Rows.Add(cells.Select(c => Collapse(c)).Where(c => c.Length > 0).ToArray());
                break;
            default:
                if (nonEmpty > 0 && _region == Region.None && AddApplicationsRowWithoutHeader(cells, normalized, parsed))
                {
                    break;
                }

                NoteUnplacedNumbers("未识别的表格", cells, normalized, parsed, null);
                break;
        }
    }

    private void AddActiveRow(IReadOnlyList<string> cells, string[] normalized, CellValue[] parsed)
    {
        var first = Array.FindIndex(normalized, n => n.Length > 0);
        if (normalized[first].StartsWith("信息内容", StringComparison.Ordinal) || normalized[first] == "项目")
        {
            _activeColumns = [];
            for (var i = first + 1; i < normalized.Length; i++)
            {
                var column = TableCatalog.ActiveColumn(normalized[i], _block!);
                if (column is { } found)
                {
                    if (found.Layout == TemplateId.Template2019)
                    {
                        Markers2019++;
                    }
                    else if (found.Layout == TemplateId.Template2021)
                    {
                        Markers2021++;
                    }
                }

                _activeColumns.Add((column?.Code, Collapse(cells[i])));
            }

            return;
        }

        var rowCode = TableCatalog.ActiveRow(normalized[first]);
        var rowLabel = Collapse(cells[first]);
        if (rowCode is null)
        {
            NoteUnplacedNumbers(Table2, cells, normalized, parsed, null);
            return;
        }

        if (rowCode == "other_services")
        {
            Markers2019++;
        }

        var columns = _activeColumns ?? [.. TableCatalog.DefaultActiveColumns(_block!, _yearTemplate).Select(c => ((string?)c, c))];
        if (_activeColumns is null)
        {
            _notes.Add(new ImportNote(ImportNoteCodes.ColumnsAssumed, ImportNoteSeverity.Info,
                $"{Table2}“{rowLabel}”所在的栏目没有表头行，按模板的栏目顺序读取。", Table2, rowLabel));
        }

        var values = cells.Skip(first + 1).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var (code, label) = i < columns.Count ? columns[i] : (null, "第" + (i + 1) + "列");
            var text = values[i];
            if (code is null)
            {
                NoteUnplacedValue(Table2, rowLabel, label, text);
                continue;
            }

            Placements.Add(new Placement($"active_disclosure.{_block}.{rowCode}.{code}", parsed[first + 1 + i], Table2, rowLabel, label, text));
        }
    }

    // Table 三 continued in a new table, or printed without its header rows: recognised by its row labels alone.
    private bool AddApplicationsRowWithoutHeader(IReadOnlyList<string> cells, string[] normalized, CellValue[] parsed)
    {
        if (cells.Count < 8 || TableCatalog.ApplicationRow(normalized[^8], _applicationGroup, out var variant) is not { } code || variant
            || (_applicationColumns is null && code != "new_received"))
        {
            return false;
        }

        if (_applicationColumns is null)
        {
            _headerRows.Clear();
        }

        _region = Region.Applications;
        SawApplications = true;
        AddApplicationsRow(cells, normalized, parsed);
        return true;
    }

    private void AddApplicationsRow(IReadOnlyList<string> cells, string[] normalized, CellValue[] parsed)
    {
        if (_region == Region.ApplicationsHeader && normalized.Any(n => n.Length > 0 && TableCatalog.ApplicationColumn(n) is not null)
            && !parsed.Any(v => v.State == CellState.Number))
        {
            _headerRows.Add([.. normalized]);
            return;
        }

        var columnCount = TableCatalog.ApplicationColumns.Length;
        var labelCount = cells.Count > columnCount ? cells.Count - columnCount : LeadingLabelCount(normalized, parsed);
        string? leaf = null;
        var leafIndex = -1;
        for (var i = 0; i < labelCount; i++)
        {
            if (normalized[i].Length == 0)
            {
                continue;
            }

            if (TableCatalog.ApplicationGroup(normalized[i]) is { } group)
            {
                _applicationGroup = group == "results" ? null : group;
            }

            leaf = normalized[i];
            leafIndex = i;
        }

        string? rowCode = null;
        var isVariant = false;
        if (leaf is not null)
        {
            rowCode = TableCatalog.ApplicationRow(leaf, _applicationGroup, out isVariant);
        }

        if (rowCode is null)
        {
            if (_region == Region.ApplicationsHeader)
            {
                _headerRows.Add([.. normalized]);
                return;
            }

            var group = leaf is null ? null : TableCatalog.ApplicationGroup(leaf);
            NoteUnplacedNumbers(Table3, cells, normalized, parsed, leafIndex >= 0 ? Collapse(cells[leafIndex]) : null,
                group is null ? null : "分组标题行（如“（三）不予公开”）在模板中没有数值，未导入");
            return;
        }

        if (_region == Region.ApplicationsHeader)
        {
            _region = Region.Applications;
            _applicationColumns = ResolveApplicationColumns();
        }

        _applicationColumns ??= ResolveApplicationColumns();
        if (rowCode is "new_received" or "carried_over" or "carried_forward" or "granted" or "partially_granted" or "results_total")
        {
            _applicationGroup = null;
        }

        if (rowCode == "other_handling")
        {
            Markers2019++;
        }
        else if (rowCode.StartsWith("other_", StringComparison.Ordinal))
        {
            Markers2021++;
        }

        var rowLabel = Collapse(cells[leafIndex]);
        for (var i = 0; i < labelCount; i++)
        {
            // A number left of the values (an extra 序号 column, a shifted row) is not a label: say so.
            if (parsed[i].State == CellState.Number)
            {
                NoteUnplacedValue(Table3, rowLabel, "第" + (i + 1) + "列", cells[i], "位于数据列之前");
            }
        }

        if (isVariant)
        {
            _notes.Add(new ImportNote(ImportNoteCodes.LabelVariant, ImportNoteSeverity.Info,
                $"{Table3}行标签“{rowLabel}”与模板不完全一致，按最接近的模板行导入。", Table3, rowLabel));
        }

        var values = cells.Skip(labelCount).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var (code, label) = i < _applicationColumns.Length ? _applicationColumns[i] : (null!, "第" + (i + 1) + "列");
            if (code is null)
            {
                NoteUnplacedValue(Table3, rowLabel, label, values[i]);
                continue;
            }

            Placements.Add(new Placement($"applications.{rowCode}.{code}", parsed[labelCount + i], Table3, rowLabel, label, values[i]));
        }
    }

    private (string Code, string Label)[] ResolveApplicationColumns()
    {
        var canonical = TableCatalog.ApplicationColumns.Select(c => (c, ColumnLabel3(c))).ToArray();
        List<string>? level1 = null;
        List<string>? children = null;
        foreach (var row in _headerRows)
        {
            var codes = row.Where(n => n.Length > 0).Select(TableCatalog.ApplicationColumn).Where(c => c is not null).Select(c => c!).ToList();
            if (level1 is null && codes.Contains("natural_person"))
            {
                level1 = codes;
            }
            else if (level1 is not null && children is null && codes.Count > 0 && !codes.Contains("natural_person"))
            {
                children = codes;
            }
        }

        var result = new List<string>();
        if (level1 is not null)
        {
            foreach (var code in level1)
            {
                if (code == "group")
                {
                    result.AddRange(children ?? []);
                }
                else
                {
                    result.Add(code);
                }
            }

            // Some reports print all seven columns in one header row and then a second row of sub-labels.
            if (!level1.Contains("group") && children is not null && result.Count < 7)
            {
                result = [.. level1.Take(1), .. children, .. level1.Skip(1)];
            }
        }

        if (result.Count == 7 && result.Distinct().Count() == 7 && result.All(c => c != "group"))
        {
            return [.. result.Select(c => (c, ColumnLabel3(c)))];
        }

        _notes.Add(new ImportNote(ImportNoteCodes.ColumnsAssumed, ImportNoteSeverity.Warning,
            $"{Table3}的表头无法逐列识别，按模板列顺序（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）读取。", Table3));
        return canonical;
    }

    private void AddReviewsRow(IReadOnlyList<string> cells, string[] normalized, CellValue[] parsed)
    {
        var numbers = 0;
        var unreadable = 0;
        foreach (var value in parsed)
        {
            if (value.State == CellState.Number)
            {
                numbers++;
            }
            else if (value.State == CellState.Unreadable)
            {
                unreadable++;
            }
        }

        var isData = numbers > 0 && (unreadable == 0 || (unreadable == 1 && cells.Count > 15));
        if (!isData)
        {
            if (_region == Region.ReviewsHeader)
            {
                _headerRows.Add([.. normalized]);
            }
            else
            {
                NoteUnplacedNumbers(Table4, cells, normalized, parsed, null);
            }

            return;
        }

        if (_region == Region.Reviews)
        {
            NoteUnplacedNumbers(Table4, cells, normalized, parsed, "表四只应有一行数据");
            return;
        }

        _region = Region.Reviews;
        _reviewColumns ??= ResolveReviewColumns();
        var offset = Math.Max(0, cells.Count - _reviewColumns.Length);
        var rowLabel = offset > 0 ? Collapse(cells[0]) : "数据行";
        for (var i = 0; i < offset; i++)
        {
            if (parsed[i].State == CellState.Number)
            {
                NoteUnplacedValue(Table4, rowLabel, "第" + (i + 1) + "列", cells[i]);
            }
        }

        if (cells.Count < _reviewColumns.Length)
        {
            _notes.Add(new ImportNote(ImportNoteCodes.ColumnsAssumed, ImportNoteSeverity.Warning,
                $"{Table4}数据行只有 {cells.Count} 个单元格（模板为 15 个），按从左到右的顺序读取。", Table4));
        }

        for (var i = offset; i < cells.Count; i++)
        {
            var (group, column, label) = _reviewColumns[i - offset];
            Placements.Add(new Placement($"reviews_litigation.{group}.{column}", parsed[i], Table4, GroupLabel4(group), label, cells[i]));
        }
    }

    private (string Group, string Column, string Label)[] ResolveReviewColumns()
    {
        var leaves = new List<string>();
        var groupPositions = new Dictionary<string, int>();
        var position = 0;
        foreach (var row in _headerRows)
        {
            foreach (var label in row)
            {
                position++;
                if (label.Length == 0 || TableCatalog.ReviewHeader(label) is not { } header)
                {
                    continue;
                }

                if (header.IsGroup)
                {
                    groupPositions.TryAdd(header.Code, position);
                }
                else
                {
                    leaves.Add(header.Code);
                }
            }
        }

        var canonical = TableCatalog.ReviewGroups.SelectMany(g => TableCatalog.ReviewColumns.Select(c => (g, c, GroupLabel4(g) + " / " + ColumnLabel4(c)))).ToArray();
        var groups = new List<string>(TableCatalog.ReviewGroups);
        if (groupPositions.TryGetValue("review", out var reviewAt) && groupPositions.TryGetValue("litigation", out var litigationAt) && litigationAt < reviewAt)
        {
            groups = ["litigation_direct", "litigation_after_review", "review"];
        }

        if (groupPositions.TryGetValue("litigation_direct", out var directAt) && groupPositions.TryGetValue("litigation_after_review", out var afterAt) && afterAt < directAt)
        {
            var d = groups.IndexOf("litigation_direct");
            var a = groups.IndexOf("litigation_after_review");
            (groups[d], groups[a]) = (groups[a], groups[d]);
        }

        var valid = leaves.Count == 15;
        for (var g = 0; valid && g < 3; g++)
        {
            valid = leaves.Skip(g * 5).Take(5).Distinct().Count() == 5;
        }

        if (!valid)
        {
            _notes.Add(new ImportNote(ImportNoteCodes.ColumnsAssumed, ImportNoteSeverity.Warning,
                $"{Table4}的表头无法逐列识别，按模板列顺序（行政复议、未经复议直接起诉、复议后起诉，各为结果维持、结果纠正、其他结果、尚未审结、总计）读取。", Table4));
            return canonical;
        }

        return [.. leaves.Select((leaf, i) => (groups[i / 5], leaf, GroupLabel4(groups[i / 5]) + " / " + ColumnLabel4(leaf)))];
    }

    private static int LeadingLabelCount(string[] normalized, CellValue[] parsed)
    {
        var count = 0;
        while (count < normalized.Length && (normalized[count].Length == 0 || parsed[count].State == CellState.Unreadable))
        {
            count++;
        }

        // Trailing blanks belong to the values, not to the labels.
        while (count > 0 && normalized[count - 1].Length == 0)
        {
            count--;
        }

        return count;
    }

    private void NoteUnplacedNumbers(string table, IReadOnlyList<string> cells, string[] normalized, CellValue[] parsed, string? rowLabel, string? why = null)
    {
        var labelIndex = Array.FindIndex(parsed, v => v.State == CellState.Unreadable);
        var label = rowLabel ?? (labelIndex >= 0 ? Collapse(cells[labelIndex]) : "（无行标签）");
        for (var i = 0; i < cells.Count; i++)
        {
            if (normalized[i].Length > 0 && parsed[i].State == CellState.Number)
            {
                NoteUnplacedValue(table, label, "第" + (i + 1) + "列", cells[i], why);
            }
        }
    }

    private void NoteUnplacedValue(string table, string rowLabel, string column, string text, string? why = null)
    {
        var value = CellValue.Parse(text);
        if (value.State == CellState.Blank)
        {
            return;
        }

        var trimmed = Collapse(text);
        _notes.Add(new ImportNote(ImportNoteCodes.UnplacedValue, ImportNoteSeverity.Warning,
            $"{table}中“{rowLabel}”行“{column}”列的数值“{trimmed}”无法对应到模板单元格，未导入{(why is null ? string.Empty : "（" + why + "）")}。",
            table, rowLabel, column, trimmed));
    }

    // Labels broken over lines ("结\n果\n纠\n正", "科研\n机构") read as one word.
    internal static string Collapse(string text) =>
        string.Join(' ', text.Replace("\n", string.Empty, StringComparison.Ordinal).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string ColumnLabel3(string code) => code switch
    {
        "natural_person" => "自然人",
        "commercial" => "商业企业",
        "research" => "科研机构",
        "public_interest" => "社会公益组织",
        "legal_services" => "法律服务机构",
        "other_org" => "其他",
        _ => "总计",
    };

    private static string GroupLabel4(string code) => code switch
    {
        "review" => "行政复议",
        "litigation_direct" => "行政诉讼 / 未经复议直接起诉",
        _ => "行政诉讼 / 复议后起诉",
    };

    private static string ColumnLabel4(string code) => code switch
    {
        "upheld" => "结果维持",
        "corrected" => "结果纠正",
        "other" => "其他结果",
        "pending" => "尚未审结",
        _ => "总计",
    };
}

/// <summary>The obsolete pre-2019 统计指标 table: recorded, not mapped.</summary>
internal sealed class ObsoleteTable
{
    public ObsoleteTable(int partOrder)
    {
        PartOrder = partOrder;
    }

    public int PartOrder { get; }

    public List<string[]> Rows { get; } = [];
}
