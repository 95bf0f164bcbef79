namespace GovReport.Domain.Templates;

/// <summary>
/// Index arithmetic over table 三 (收到和处理政府信息公开申请情况): rows in template order × 7 columns,
/// so the rules can walk cells without string lookups.
/// </summary>
public sealed class ApplicationsLayout
{
    public const int ColumnCount = 7;

    /// <summary>Index of the 总计 column.</summary>
    public const int TotalColumn = 6;

    private readonly int _first;
    private readonly int[] _resultRows;

    internal ApplicationsLayout(ReportTemplate template)
    {
        var block = template.GetTable(PartCode.Applications).Blocks[0];
        Block = block;
        RowCount = block.Rows.Count;
        _first = template.GetCell("applications.new_received.natural_person").Id.Value;
        NewReceived = RowOf(block, "new_received");
        CarriedOver = RowOf(block, "carried_over");
        ResultsTotal = RowOf(block, "results_total");
        CarriedForward = RowOf(block, "carried_forward");
        _resultRows = [.. Enumerable.Range(0, RowCount).Where(r => r > CarriedOver && r < ResultsTotal)];
        Withheld = GroupRows(block, "withheld");
        Unavailable = GroupRows(block, "unavailable");
        Rejected = GroupRows(block, "rejected");
        OtherHandling = block.Rows.Any(r => r.GroupCode == "other_handling")
            ? GroupRows(block, "other_handling")
            : [RowOf(block, "other_handling")];
        Granted = RowOf(block, "granted");
        PartiallyGranted = RowOf(block, "partially_granted");
    }

    public TemplateBlock Block { get; }

    public int RowCount { get; }

    public int NewReceived { get; }

    public int CarriedOver { get; }

    public int ResultsTotal { get; }

    public int CarriedForward { get; }

    public int Granted { get; }

    public int PartiallyGranted { get; }

    /// <summary>Leaf rows under 三、本年度办理结果 except （七）总计.</summary>
    public ReadOnlySpan<int> ResultRows => _resultRows;

    public int[] Withheld { get; }

    public int[] Unavailable { get; }

    public int[] Rejected { get; }

    /// <summary>（六）其他处理: one row in 2019, three sub-rows from 2021.</summary>
    public int[] OtherHandling { get; }

    public CellId Cell(int row, int column) => new(_first + (row * ColumnCount) + column);

    private static int RowOf(TemplateBlock block, string code)
    {
        for (var i = 0; i < block.Rows.Count; i++)
        {
            if (block.Rows[i].Code == code)
            {
                return i;
            }
        }

        throw new InvalidOperationException($"Template has no row '{code}'.");
    }

    private static int[] GroupRows(TemplateBlock block, string group) =>
        [.. Enumerable.Range(0, block.Rows.Count).Where(i => block.Rows[i].GroupCode == group)];
}

/// <summary>Index arithmetic over table 四: rows review, litigation_direct, litigation_after_review × 5 columns.</summary>
public sealed class ReviewsLayout
{
    public const int RowCount = 3;
    public const int ColumnCount = 5;
    public const int TotalColumn = 4;

    private readonly int _first;

    internal ReviewsLayout(ReportTemplate template)
    {
        Block = template.GetTable(PartCode.ReviewsLitigation).Blocks[0];
        _first = template.GetCell("reviews_litigation.review.upheld").Id.Value;
    }

    public TemplateBlock Block { get; }

    public CellId Cell(int row, int column) => new(_first + (row * ColumnCount) + column);
}
