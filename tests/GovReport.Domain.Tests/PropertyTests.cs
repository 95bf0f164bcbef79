using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Domain.Validation;

namespace GovReport.Domain.Tests;

public class PropertyTests
{
    private readonly ReportValidator _validator = new();

    [Theory]
    [InlineData(TemplateId.Template2019, 11)]
    [InlineData(TemplateId.Template2021, 22)]
    public void Validate_RandomConsistentReports_NoFindings(TemplateId id, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 300; i++)
        {
            var report = ReportFactory.Consistent(id, random).Build();

            var result = _validator.Validate(report);

            Assert.True(result.Findings.Count == 0, string.Join("\n", result.Findings));
        }
    }

    [Theory]
    [InlineData(TemplateId.Template2019, 31)]
    [InlineData(TemplateId.Template2021, 42)]
    public void Validate_OneTable3Or4CellChanged_OneRootErrorNamingThatCell(TemplateId id, int seed)
    {
        var random = new Random(seed);
        var template = TemplateRegistry.Get(id);
        var candidates = template.Cells.Where(c => c.Part is PartCode.Applications or PartCode.ReviewsLitigation).ToArray();
        for (var i = 0; i < 400; i++)
        {
            var builder = ReportFactory.Consistent(id, random);
            var cell = candidates[random.Next(candidates.Length)];
            builder[cell.Id] = builder[cell.Id].Value + random.Next(1, 9);

            var result = _validator.Validate(builder.Build());

            var roots = result.Findings.Where(f => f.Severity == Severity.Error && f.IsRoot).ToList();
            var root = Assert.Single(roots);
            if (cell.Part == PartCode.Applications)
            {
                Assert.True(root.CulpritAddress == cell.Address, $"{cell.Address}: {root} culprit {root.CulpritAddress}");
            }
            else
            {
                var total = template.GetCell($"reviews_litigation.{cell.Row.Code}.total").Address;
                Assert.Equal("V05", root.RuleId);
                Assert.Contains(root.Cells, c => c.Address == total);
            }

            Assert.All(result.Findings.Where(f => !f.IsRoot), f => Assert.Equal(root.Id, f.CausedBy));
        }
    }

    [Theory]
    [InlineData(TemplateId.Template2019, 5)]
    [InlineData(TemplateId.Template2021, 6)]
    public void Validate_AnyCellMadeInvalid_ErrorNamesThatCell(TemplateId id, int seed)
    {
        var random = new Random(seed);
        var template = TemplateRegistry.Get(id);
        for (var i = 0; i < 300; i++)
        {
            var builder = ReportFactory.Consistent(id, random);
            var cell = template.Cells[random.Next(template.CellCount)];
            builder[cell.Id] = cell.Kind switch
            {
                CellKind.SignedCount => 1.5m,
                CellKind.Amount => -1m,
                _ => random.Next(2) == 0 ? -1m - builder[cell.Id].Value : builder[cell.Id].Value + 0.5m,
            };

            var result = _validator.Validate(builder.Build());

            Assert.Contains(result.Findings, f => f.RuleId == "V08" && f.Severity == Severity.Error && f.CulpritAddress == cell.Address);
        }
    }
}
