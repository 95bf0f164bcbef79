using System.Numerics;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation.Internal;

/// <summary>
/// V03, V01, V02 on table 三. Column checks run first and become root findings; a row check (V02) that meets a
/// column check at the cell both point to is linked to it, so one wrong cell yields one root finding.
/// </summary>
internal static class ApplicationRules
{
    private const int Columns = ApplicationsLayout.ColumnCount;
    private const int Total = ApplicationsLayout.TotalColumn;

    public static void Check(Report report, FindingSink sink)
    {
        // Whole-number tables (the usual case) are summed as long: several times faster than decimal.
        if (report.HasIntegerValues)
        {
            Check(report, report.IntegerValues, sink);
        }
        else
        {
            Check(report, report.Values, sink);
        }
    }

    private static void Check<T>(Report report, ReadOnlySpan<T> cells, FindingSink sink)
        where T : unmanaged, INumber<T>
    {
        var layout = report.Template.Applications;
        var rowCount = layout.RowCount;
        Span<T> leafSum = stackalloc T[Columns];
        Span<T> resultsDelta = stackalloc T[Columns];
        Span<T> balanceDelta = stackalloc T[Columns];
        Span<T> rowDelta = stackalloc T[rowCount];
        Span<T> rowParts = stackalloc T[rowCount];
        leafSum.Clear();
        var first = layout.Cell(0, 0).Value;
        foreach (var r in layout.ResultRows)
        {
            var row = cells.Slice(first + (r * Columns), Columns);
            for (var c = 0; c < Columns; c++)
            {
                leafSum[c] += row[c];
            }
        }

        var anyFailure = false;
        for (var c = 0; c < Columns; c++)
        {
            resultsDelta[c] = V(cells, layout, layout.ResultsTotal, c) - leafSum[c];
            balanceDelta[c] = V(cells, layout, layout.NewReceived, c) + V(cells, layout, layout.CarriedOver, c)
                - V(cells, layout, layout.ResultsTotal, c) - V(cells, layout, layout.CarriedForward, c);
            anyFailure |= resultsDelta[c] != T.Zero || balanceDelta[c] != T.Zero;
        }

        for (var r = 0; r < rowCount; r++)
        {
            var row = cells.Slice(first + (r * Columns), Columns);
            var parts = T.Zero;
            for (var c = 0; c < Total; c++)
            {
                parts += row[c];
            }

            rowParts[r] = parts;
            rowDelta[r] = row[Total] - parts;
            anyFailure |= rowDelta[r] != T.Zero;
        }

        if (!anyFailure)
        {
            return;
        }

        // Root findings by column, with the culprit cell (row index) when the arithmetic can tell.
        Span<int> culpritRow = stackalloc int[Columns * 2];
        Span<int> findingIds = stackalloc int[Columns * 2];
        culpritRow.Fill(-1);
        findingIds.Clear();
        for (var c = 0; c < Columns; c++)
        {
            if (resultsDelta[c] == T.Zero)
            {
                continue;
            }

            var culprit = -1;
            if (balanceDelta[c] != T.Zero && balanceDelta[c] + resultsDelta[c] == T.Zero)
            {
                culprit = layout.ResultsTotal;
            }
            else if (balanceDelta[c] == T.Zero)
            {
                culprit = SingleRow(layout.ResultRows, rowDelta, c == Total ? -resultsDelta[c] : resultsDelta[c]);
            }

            culpritRow[c] = culprit;
            findingIds[c] = AddResultsFinding(report, sink, layout, c, D(leafSum[c]), culprit).Id;
        }

        for (var c = 0; c < Columns; c++)
        {
            if (balanceDelta[c] == T.Zero)
            {
                continue;
            }

            int? causedBy = null;
            var culprit = -1;
            if (findingIds[c] != 0 && balanceDelta[c] + resultsDelta[c] == T.Zero)
            {
                causedBy = findingIds[c];
                culprit = layout.ResultsTotal;
            }
            else if (findingIds[c] == 0)
            {
                culprit = BalanceCulprit(layout, rowDelta, balanceDelta[c], c == Total);
            }

            culpritRow[Columns + c] = culprit;
            var finding = AddBalanceFinding(report, sink, layout, c, culprit, causedBy, D(leafSum[c]));
            findingIds[Columns + c] = finding.Id;
        }

        for (var r = 0; r < rowCount; r++)
        {
            if (rowDelta[r] == T.Zero)
            {
                continue;
            }

            int? causedBy = null;
            var culpritColumn = -1;
            for (var k = 0; k < Columns * 2 && causedBy is null; k++)
            {
                if (findingIds[k] != 0 && culpritRow[k] == r)
                {
                    causedBy = findingIds[k];
                    culpritColumn = k % Columns;
                }
            }

            AddRowFinding(report, sink, layout, r, D(rowParts[r]), culpritColumn, causedBy);
        }
    }

    private static T V<T>(ReadOnlySpan<T> cells, ApplicationsLayout layout, int row, int column)
        where T : unmanaged, INumber<T> =>
        cells[layout.Cell(row, column).Value];

    private static decimal V(ReadOnlySpan<decimal> cells, ApplicationsLayout layout, int row, int column) =>
        cells[layout.Cell(row, column).Value];

    private static decimal D<T>(T value)
        where T : unmanaged, INumber<T> => decimal.CreateTruncating(value);

    private static int SingleRow<T>(ReadOnlySpan<int> rows, ReadOnlySpan<T> rowDelta, T wanted)
        where T : unmanaged, INumber<T>
    {
        var found = -1;
        foreach (var r in rows)
        {
            if (rowDelta[r] != T.Zero && rowDelta[r] == wanted)
            {
                if (found >= 0)
                {
                    return -1;
                }

                found = r;
            }
        }

        return found;
    }

    private static int BalanceCulprit<T>(ApplicationsLayout layout, ReadOnlySpan<T> rowDelta, T delta, bool totalColumn)
        where T : unmanaged, INumber<T>
    {
        // A part cell too high by x on the left side (一, 二) moves the balance by +x and its row total check by −x;
        // in the 总计 column both move the same way. The right side (四) mirrors that.
        var left = totalColumn ? delta : -delta;
        var found = -1;
        var count = 0;
        if (rowDelta[layout.NewReceived] != T.Zero && rowDelta[layout.NewReceived] == left)
        {
            found = layout.NewReceived;
            count++;
        }

        if (rowDelta[layout.CarriedOver] != T.Zero && rowDelta[layout.CarriedOver] == left)
        {
            found = layout.CarriedOver;
            count++;
        }

        if (rowDelta[layout.CarriedForward] != T.Zero && rowDelta[layout.CarriedForward] == -left)
        {
            found = layout.CarriedForward;
            count++;
        }

        return count == 1 ? found : -1;
    }

    private static Finding AddResultsFinding(Report report, FindingSink sink, ApplicationsLayout layout, int column, decimal computed, int culpritRow)
    {
        var totalId = layout.Cell(layout.ResultsTotal, column);
        var definition = report.Template.GetCell(totalId);
        ref readonly var stated = ref report.GetCell(totalId);
        var columnLabel = definition.Column.IsTotal ? "总计列" : definition.Column.Label;
        var message = $"（七）总计 {columnLabel} {Fmt.Stated(stated)}，各行合计{Fmt.N(computed)}";
        string? culprit = null;
        var cells = new List<FindingCell>(2) { Fmt.Cell(report, totalId, computed) };
        if (culpritRow == layout.ResultsTotal)
        {
            culprit = definition.Address;
            message += "；其余勾稽关系表明（七）总计填报有误";
        }
        else if (culpritRow >= 0)
        {
            var culpritId = layout.Cell(culpritRow, column);
            culprit = report.Template.GetAddress(culpritId);
            cells.Add(Fmt.Cell(report, culpritId));
            message += $"；差额与“{report.Template.GetCell(culpritId).RowLabel}”一行的合计差额一致，该单元格可能有误";
        }

        return sink.Add("V03", Severity.Error, message, RuleCatalogue.ResultsBasis, [.. cells], culprit);
    }

    private static Finding AddBalanceFinding(Report report, FindingSink sink, ApplicationsLayout layout, int column, int culpritRow, int? causedBy, decimal leafSum)
    {
        var template = report.Template;
        var cells = report.Values;
        var label = template.GetCell(layout.Cell(0, column)).Column.Label;
        var a = V(cells, layout, layout.NewReceived, column);
        var b = V(cells, layout, layout.CarriedOver, column);
        var d = V(cells, layout, layout.ResultsTotal, column);
        var e = V(cells, layout, layout.CarriedForward, column);
        var message = $"{label}列勾稽不平：一、本年新收{Fmt.N(a)} + 二、上年结转{Fmt.N(b)} = {Fmt.N(a + b)}，三、（七）总计{Fmt.N(d)} + 四、结转下年度{Fmt.N(e)} = {Fmt.N(d + e)}";
        if (causedBy is not null)
        {
            message += $"（按各行合计{Fmt.N(leafSum)}计算则平衡，系（七）总计填报有误所致）";
        }

        string? culprit = null;
        if (culpritRow >= 0)
        {
            var culpritId = layout.Cell(culpritRow, column);
            culprit = template.GetAddress(culpritId);
            if (causedBy is null)
            {
                message += $"；差额与“{template.GetCell(culpritId).RowLabel}”一行的合计差额一致，该单元格可能有误";
            }
        }

        FindingCell[] involved =
        [
            Fmt.Cell(report, layout.Cell(layout.NewReceived, column)),
            Fmt.Cell(report, layout.Cell(layout.CarriedOver, column)),
            Fmt.Cell(report, layout.Cell(layout.ResultsTotal, column), causedBy is null ? null : leafSum),
            Fmt.Cell(report, layout.Cell(layout.CarriedForward, column)),
        ];
        return sink.Add("V01", Severity.Error, message, RuleCatalogue.Table3Note, involved, culprit, causedBy);
    }

    private static void AddRowFinding(Report report, FindingSink sink, ApplicationsLayout layout, int row, decimal parts, int culpritColumn, int? causedBy)
    {
        var totalId = layout.Cell(row, Total);
        var definition = report.Template.GetCell(totalId);
        ref readonly var stated = ref report.GetCell(totalId);
        var message = $"{definition.RowLabel} 总计 {Fmt.Stated(stated)}，自然人至其他六列合计{Fmt.N(parts)}";
        string? culprit = null;
        if (culpritColumn >= 0)
        {
            culprit = report.Template.GetAddress(layout.Cell(row, culpritColumn));
        }
        else if (stated.IsBlank)
        {
            culprit = definition.Address;
        }

        // Every cell involved: the stated total (with the computed sum) first, then the six parts it should add up.
        var involved = new FindingCell[Columns];
        involved[0] = Fmt.Cell(report, totalId, parts);
        for (var c = 0; c < Total; c++)
        {
            involved[c + 1] = Fmt.Cell(report, layout.Cell(row, c));
        }

        sink.Add("V02", Severity.Error, message, RuleCatalogue.RowTotalBasis, involved, culprit, causedBy);
    }
}
