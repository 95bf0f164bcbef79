using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Domain.Tests;

public class ReportBuilderTests
{
    private const string NaturalPerson = "applications.results_total.natural_person";

    [Fact]
    public void Build_BuilderChangedAfterwards_ReportUnchanged()
    {
        var builder = new ReportBuilder(TemplateRegistry.Template2021, 2025) { [NaturalPerson] = 5 };

        var report = builder.Build();
        builder[NaturalPerson] = 6;

        Assert.Equal(5m, report.GetCell(NaturalPerson).Value);
        Assert.Equal(6m, builder.Build().GetCell(NaturalPerson).Value);
    }

    [Fact]
    public void BuildOnce_SameCellsAsBuild_BuilderLeftWithoutCells()
    {
        var builder = new ReportBuilder(TemplateRegistry.Template2021, 2025) { [NaturalPerson] = 5 };
        var copied = builder.Build();

        var handedOver = builder.BuildOnce();

        Assert.Equal(copied.Cells.ToArray(), handedOver.Cells.ToArray());
        Assert.Throws<IndexOutOfRangeException>(() => builder[NaturalPerson] = 6);
        Assert.Equal(5m, handedOver.GetCell(NaturalPerson).Value);
    }
}
