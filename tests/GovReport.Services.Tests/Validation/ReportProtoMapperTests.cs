using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Services.Validation;

namespace GovReport.Services.Tests.Validation;

/// <summary>The message of a report built from the previous version's message equals the one built from scratch.</summary>
public class ReportProtoMapperTests
{
    private const string NaturalPerson = "applications.new_received.natural_person";
    private const string Granted = "applications.granted.natural_person";

    private static Report Basis()
    {
        var builder = new ReportBuilder(TemplateRegistry.Template2021, 2025) { AgencyName = "北仑区财政局", AgencyKind = AgencyKind.Department };
        builder.AddTemplateParts(p => p == PartCode.Overview ? "总体情况正文" : string.Empty);
        builder[NaturalPerson] = 12;
        builder[Granted] = CellValue.Number(2.5m);
        builder["applications.carried_over.natural_person"] = CellValue.Blank("—");
        return builder.Build();
    }

    [Fact]
    public void ToApi_WithBasis_CellsAndDateChanged_EqualsFreshAndSharesUnchangedCells()
    {
        var basis = Basis();
        var basisMessage = ReportProtoMapper.ToApi(basis);
        var builder = basis.ToBuilder();
        builder[NaturalPerson] = 13;
        builder[Granted] = CellValue.Number(2.50m);
        builder["applications.new_received.commercial"] = CellValue.Unreadable("若干");
        builder.PublicationDate = new DateOnly(2026, 1, 20);
        var edited = builder.Build();

        var incremental = ReportProtoMapper.ToApi(edited, basis, basisMessage);

        Assert.Equal(ReportProtoMapper.ToApi(edited), incremental);
        var newCells = incremental.Cells.Where((c, i) => !ReferenceEquals(c, basisMessage.Cells[i])).Select(c => c.Address);
        Assert.Equal([Granted, "applications.new_received.commercial", NaturalPerson], newCells.Order(StringComparer.Ordinal));
        // Another scale is another cell value (rebuilt), though the canonical text drops trailing zeros.
        Assert.Equal("2.5", incremental.Cells.Single(c => c.Address == Granted).Value);
        Assert.Same(basisMessage.Parts[0], incremental.Parts[0]);
    }

    [Fact]
    public void ToApi_WithBasis_PartTextChanged_PartsBuiltAfresh()
    {
        var basis = Basis();
        var basisMessage = ReportProtoMapper.ToApi(basis);
        var builder = basis.ToBuilder();
        builder.Parts[0] = builder.Parts[0] with { Text = "新的总体情况" };
        var edited = builder.Build();

        var incremental = ReportProtoMapper.ToApi(edited, basis, basisMessage);

        Assert.Equal(ReportProtoMapper.ToApi(edited), incremental);
        Assert.Equal("新的总体情况", incremental.Parts[0].Text);
        Assert.Equal("总体情况正文", basisMessage.Parts[0].Text);
    }

    [Fact]
    public void ToApi_BasisOfOtherTemplate_BuiltAfresh()
    {
        var basis = Basis();
        var other = new ReportBuilder(TemplateRegistry.Template2019, 2020).Build();

        var message = ReportProtoMapper.ToApi(other, basis, ReportProtoMapper.ToApi(basis));

        Assert.Equal(ReportProtoMapper.ToApi(other), message);
    }
}
