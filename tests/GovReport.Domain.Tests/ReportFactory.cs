using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Tests;

/// <summary>Builds consistent reports of either template in code: every rule passes unless a test breaks one.</summary>
internal static class ReportFactory
{
    public const string OverviewText = "本年度共收到政府信息公开申请若干件，均已按时答复。将政务公开纳入绩效考核，开展社会评议，未发生责任追究情况。";

    public static ReportBuilder Builder(TemplateId id, int? year = null)
    {
        var template = TemplateRegistry.Get(id);
        var reportYear = year ?? (id == TemplateId.Template2019 ? 2019 : 2022);
        var builder = new ReportBuilder(template, reportYear)
        {
            AgencyName = "测试市人民政府办公室",
            AgencyKind = AgencyKind.Department,
            PublicationDate = new DateOnly(reportYear + 1, 1, 20),
        };
        builder.AddTemplateParts(part => part switch
        {
            PartCode.Overview => OverviewText,
            PartCode.OtherMatters => "本年度未收取信息处理费。",
            _ => "正文。",
        });
        for (var i = 0; i < template.CellCount; i++)
        {
            builder[new CellId(i)] = template.Cells[i].Kind == CellKind.Amount ? CellValue.Number(0m, unit: "万元") : 0;
        }

        return builder;
    }

    /// <summary>A random report whose tables satisfy V01–V05 and V08, with no blanks.</summary>
    public static ReportBuilder Consistent(TemplateId id, Random random)
    {
        var builder = Builder(id);
        var template = builder.Template;
        var layout = template.Applications;
        for (var c = 0; c < ApplicationsLayout.TotalColumn; c++)
        {
            var resultsTotal = 0;
            foreach (var r in layout.ResultRows)
            {
                var value = random.Next(4) == 0 ? random.Next(0, 60) : 0;
                builder[layout.Cell(r, c)] = value;
                resultsTotal += value;
            }

            var carriedForward = random.Next(0, 10);
            var carriedOver = random.Next(0, resultsTotal + carriedForward + 1);
            builder[layout.Cell(layout.ResultsTotal, c)] = resultsTotal;
            builder[layout.Cell(layout.CarriedForward, c)] = carriedForward;
            builder[layout.Cell(layout.CarriedOver, c)] = carriedOver;
            builder[layout.Cell(layout.NewReceived, c)] = resultsTotal + carriedForward - carriedOver;
        }

        for (var r = 0; r < layout.RowCount; r++)
        {
            decimal sum = 0;
            for (var c = 0; c < ApplicationsLayout.TotalColumn; c++)
            {
                sum += builder[layout.Cell(r, c)].Value;
            }

            builder[layout.Cell(r, ApplicationsLayout.TotalColumn)] = sum;
        }

        var reviews = template.Reviews;
        for (var r = 0; r < ReviewsLayout.RowCount; r++)
        {
            var sum = 0;
            for (var c = 0; c < ReviewsLayout.TotalColumn; c++)
            {
                var value = random.Next(0, 5);
                builder[reviews.Cell(r, c)] = value;
                sum += value;
            }

            builder[reviews.Cell(r, ReviewsLayout.TotalColumn)] = sum;
        }

        foreach (var cell in template.Cells.Where(c => c.Part == PartCode.ActiveDisclosure))
        {
            builder[cell.Id] = cell.Kind switch
            {
                CellKind.SignedCount => random.Next(-20, 21),
                CellKind.Amount => CellValue.Number(random.Next(0, 100_000) / 100m, unit: "万元"),
                _ => random.Next(0, 500),
            };
        }

        return builder;
    }
}
