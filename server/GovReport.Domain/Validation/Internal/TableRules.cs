using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation.Internal;

/// <summary>V05 (table 四 totals), V08 (value domains), V17 (blanks), V22/V23 (amount units and magnitude).</summary>
internal static class TableRules
{
    public static void CheckReviews(Report report, FindingSink sink)
    {
        var layout = report.Template.Reviews;
        var values = report.Values;
        for (var r = 0; r < ReviewsLayout.RowCount; r++)
        {
            decimal parts = 0;
            for (var c = 0; c < ReviewsLayout.TotalColumn; c++)
            {
                parts += values[layout.Cell(r, c).Value];
            }

            var totalId = layout.Cell(r, ReviewsLayout.TotalColumn);
            if (values[totalId.Value] == parts)
            {
                continue;
            }

            ref readonly var total = ref report.GetCell(totalId);

            var definition = report.Template.GetCell(totalId);
            var message = $"{definition.RowLabel} 总计 {Fmt.Stated(total)}，结果维持、结果纠正、其他结果、尚未审结合计{Fmt.N(parts)}";
            // Every cell involved: the stated total (with the computed sum) first, then its four parts.
            var involved = new FindingCell[ReviewsLayout.TotalColumn + 1];
            involved[0] = Fmt.Cell(report, totalId, parts);
            for (var c = 0; c < ReviewsLayout.TotalColumn; c++)
            {
                involved[c + 1] = Fmt.Cell(report, layout.Cell(r, c));
            }

            sink.Add("V05", Severity.Error, message, RuleCatalogue.ReviewsBasis, involved, total.IsBlank ? definition.Address : null);
        }
    }

    public static void CheckValues(Report report, FindingSink sink)
    {
        if (report.BlankCount == 0 && report.ValuesInDomain)
        {
            return;
        }

        var cells = report.Cells;
        var kinds = report.Template.CellKinds;
        var integral = report.HasIntegerValues;
        List<FindingCell>? blanks = null;
        for (var i = 0; i < cells.Length; i++)
        {
            ref readonly var cell = ref cells[i];
            if (cell.State == CellState.Blank)
            {
                (blanks ??= []).Add(Fmt.Cell(report, new CellId(i)));
                continue;
            }

            var kind = kinds[i];
            if (cell.State == CellState.Number && (cell.Value >= 0 || kind == CellKind.SignedCount) && (integral || kind == CellKind.Amount))
            {
                // Fast path: every count is whole (checked once when the report was built) and the sign is allowed.
                continue;
            }

            string? problem = null;
            if (cell.State == CellState.Unreadable)
            {
                problem = $"填写“{cell.OriginalText}”，不是数字";
            }
            else if (kind != CellKind.SignedCount && cell.Value < 0)
            {
                problem = $"填报{Fmt.N(cell.Value)}，不能为负数";
            }
            else if (kind != CellKind.Amount && decimal.Truncate(cell.Value) != cell.Value)
            {
                problem = $"填报{Fmt.N(cell.Value)}，应为整数";
            }

            if (problem is not null)
            {
                var definition = report.Template.Cells[i];
                sink.Add("V08", Severity.Error, definition.Label + " " + problem, RuleCatalogue.DomainBasis, [Fmt.Cell(report, definition.Id)], definition.Address);
            }
        }

        if (blanks is not null)
        {
            var shown = string.Join("、", blanks.Take(3).Select(b => b.Label));
            var message = blanks.Count <= 3
                ? $"{blanks.Count}个单元格空白或填写“—”等，已按0计算，应填写0：{shown}"
                : $"{blanks.Count}个单元格空白或填写“—”等，已按0计算，应填写0：{shown}等";
            sink.Add("V17", Severity.Warning, message, RuleCatalogue.BlankBasis, [.. blanks]);
        }
    }

    public static void CheckAmounts(Report report, FindingSink sink, ValidationOptions options)
    {
        foreach (var id in report.Template.AmountCells)
        {
            ref readonly var cell = ref report.GetCell(id);
            if (cell.State != CellState.Number || cell.Value == 0)
            {
                continue;
            }

            var definition = report.Template.GetCell(id);

            var unitMissing = definition.Unit is null && cell.Unit is null;
            if (unitMissing)
            {
                sink.Add("V22", Severity.Warning, $"{definition.Label} 填报{Fmt.N(cell.Value)}，未注明单位（万元或元）", RuleCatalogue.UnitBasis, [Fmt.Cell(report, definition.Id)], definition.Address);
            }
            else if (definition.Unit is not null && cell.Unit is not null && cell.Unit != definition.Unit)
            {
                sink.Add("V22", Severity.Warning, $"{definition.Label} 单位写为“{cell.Unit}”，模板规定为{definition.Unit}", RuleCatalogue.UnitBasis, [Fmt.Cell(report, definition.Id)], definition.Address);
            }

            var unit = cell.Unit ?? definition.Unit ?? "万元";
            var tenThousands = unit switch
            {
                "元" => cell.Value / 10_000m,
                "亿元" => cell.Value * 10_000m,
                _ => cell.Value,
            };
            var isProcurement = definition.Row.Code == "procurement";
            var limit = report.AgencyKind switch
            {
                AgencyKind.TownshipOrStreet => isProcurement ? options.ProcurementLimitTownship : options.FeeLimitTownship,
                AgencyKind.Department => isProcurement ? options.ProcurementLimitDepartment : options.FeeLimitDepartment,
                AgencyKind.Government => isProcurement ? options.ProcurementLimitGovernment : options.FeeLimitGovernment,
                _ => decimal.MaxValue,
            };
            if (tenThousands > limit)
            {
                var assumed = unitMissing ? "未注明单位，按万元计" : "按" + unit + "计";
                var yi = Fmt.N(Math.Round(tenThousands / 10_000m, 1));
                var message = $"{definition.Label} 填报{Fmt.N(cell.Value)}，{assumed}约合{yi}亿元，对{Fmt.KindName(report.AgencyKind)}而言明显偏大，请核实单位（可能应为元）";
                sink.Add("V23", Severity.Warning, message, RuleCatalogue.UnitBasis, [Fmt.Cell(report, definition.Id, tenThousands)], definition.Address);
            }
        }
    }
}
