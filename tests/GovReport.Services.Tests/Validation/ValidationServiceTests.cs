using System.Globalization;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Validation;

/// <summary>ValidateReport and ListRules over a real loopback server, on reports built from the served template.</summary>
public sealed class ValidationServiceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Validate = "/govreport.v1.ValidationService/ValidateReport";
    private const string Rules = "/govreport.v1.ValidationService/ListRules";

    private Task<ValidationResult> ValidateAsync(Report report) =>
        server.Channel.UnaryAsync<ValidateReportRequest, ValidationResult>(Validate, new ValidateReportRequest { Report = report });

    /// <summary>
    /// A consistent 2021 department report: in table 三 every column has 2 new + 1 carried over = 1 granted + 1
    /// partially granted (（七）总计 2) + 1 carried forward, and 总计 is six times each; table 四 one upheld review.
    /// </summary>
    private async Task<Report> ConsistentReport2021Async()
    {
        var template = await server.Channel.UnaryAsync<GetTemplateRequest, ReportTemplate>(
            "/govreport.v1.TemplateService/GetTemplate", new GetTemplateRequest { Name = "templates/2021" });
        var report = new Report
        {
            AgencyDisplayName = "宁波市测试局",
            AgencyKind = AgencyKind.Department,
            ReportYear = 2021,
            Template = Template._2021,
            PublicationDate = "2022-01-20",
        };
        for (var i = 0; i < template.Parts.Count; i++)
        {
            var part = template.Parts[i];
            var text = part.Code == "other_matters" ? "本年度未收取信息处理费。" : $"{part.Title}情况说明。";
            report.Parts.Add(new ReportPart { Code = part.Code, Heading = part.Heading, Text = text, Order = i });
        }

        foreach (var table in template.Tables)
        {
            foreach (var block in table.Blocks)
            {
                foreach (var row in block.Rows)
                {
                    for (var c = 0; c < row.CellAddresses.Count; c++)
                    {
                        var value = CellValue(table.Code, row.Code, block.Columns[c]);
                        report.Cells.Add(new Cell { Address = row.CellAddresses[c], Present = true, Value = value.ToString(CultureInfo.InvariantCulture) });
                    }
                }
            }
        }

        return report;
    }

    private static decimal CellValue(string table, string row, TemplateColumn column)
    {
        if (table == "applications")
        {
            decimal perColumn = row switch
            {
                "new_received" => 2,
                "carried_over" or "granted" or "partially_granted" or "carried_forward" => 1,
                "results_total" => 2,
                _ => 0,
            };
            return column.IsTotal ? perColumn * 6 : perColumn;
        }

        if (table == "reviews_litigation")
        {
            return row == "review" && (column.Code is "upheld" or "total") ? 1 : 0;
        }

        return column.Kind == CellKind.Amount ? 1.5m : 1;
    }

    private static string Dump(ValidationResult result) =>
        string.Join("\n", result.Findings.Select(f => $"{f.RuleId} {f.Severity} [{string.Join(", ", f.Cells.Select(c => c.Address))}] {f.Message}"));

    [Fact]
    public async Task ValidateReport_Consistent2021Report_NoError()
    {
        var result = await ValidateAsync(await ConsistentReport2021Async());

        Assert.True(result.ErrorCount == 0, Dump(result));
        Assert.DoesNotContain(result.Findings, f => f.Severity == Severity.Error);
        Assert.Equal(result.Findings.Count, result.WarningCount + result.InfoCount);
    }

    [Theory]
    [InlineData("applications.granted.natural_person")]
    [InlineData("applications.other_fee_unpaid.commercial")]
    [InlineData("applications.new_received.total")]
    [InlineData("reviews_litigation.review.upheld")]
    public async Task ValidateReport_OneCellChanged_ErrorNamesThatCellOrItsTotal(string address)
    {
        var report = await ConsistentReport2021Async();
        var cell = Assert.Single(report.Cells, c => c.Address == address);
        cell.Value = (decimal.Parse(cell.Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture);

        var result = await ValidateAsync(report);

        // V05 (table 四) lists only the 总计 cell it finds wrong, so the total of the changed row also counts.
        var total = address[..address.LastIndexOf('.')] + ".total";
        Assert.True(result.ErrorCount > 0, Dump(result));
        Assert.True(
            result.Findings.Any(f => f.Severity == Severity.Error && f.Cells.Any(c => c.Address == address || c.Address == total)),
            $"no ERROR names {address} or {total}:\n{Dump(result)}");
        Assert.All(result.Findings.Where(f => f.Severity == Severity.Error), f => Assert.False(string.IsNullOrWhiteSpace(f.Message)));
    }

    [Fact]
    public async Task ValidateReport_UnknownCellAddress_InvalidArgumentNamingCellField()
    {
        var report = await ConsistentReport2021Async();
        var index = report.Cells.Count;
        report.Cells.Add(new Cell { Address = "applications.no_such_row.natural_person", Present = true, Value = "1" });

        var error = await Assert.ThrowsAsync<RpcException>(() => ValidateAsync(report));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(Assert.IsType<BadRequest>(error.GetDetail<BadRequest>()).FieldViolations);
        Assert.Equal($"report.cells[{index}].address", violation.Field);
        Assert.Contains("applications.no_such_row.natural_person", violation.Description, StringComparison.Ordinal);
        Assert.Equal("INVALID_REPORT", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Theory]
    [InlineData("十二")]
    [InlineData("1,200")]
    [InlineData("1e3")]
    public async Task ValidateReport_NonNumericValue_InvalidArgumentNamingValueField(string value)
    {
        var report = await ConsistentReport2021Async();
        report.Cells[3].Value = value;

        var error = await Assert.ThrowsAsync<RpcException>(() => ValidateAsync(report));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(Assert.IsType<BadRequest>(error.GetDetail<BadRequest>()).FieldViolations);
        Assert.Equal("report.cells[3].value", violation.Field);
        Assert.Contains("不是规范的十进制数", violation.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidateReport_MissingReport_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.Channel.UnaryAsync<ValidateReportRequest, ValidationResult>(Validate, new ValidateReportRequest()));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("report", Assert.Single(Assert.IsType<BadRequest>(error.GetDetail<BadRequest>()).FieldViolations).Field);
    }

    [Fact]
    public async Task ListRules_Always_ReturnsV01ToV25WithChineseTitles()
    {
        var response = await server.Channel.UnaryAsync<ListRulesRequest, ListRulesResponse>(Rules, new ListRulesRequest());

        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"V{i:00}"), response.Rules.Select(r => r.Id));
        Assert.All(response.Rules, rule =>
        {
            Assert.Contains(rule.Title, ch => ch >= '\u4e00' && ch <= '\u9fff');
            Assert.NotEmpty(rule.Description);
            Assert.NotEqual(Severity.Unspecified, rule.Severity);
            Assert.NotEmpty(rule.Templates);
        });
        Assert.Equal(Severity.Error, response.Rules.Single(r => r.Id == "V01").Severity);
        Assert.Equal(Severity.Warning, response.Rules.Single(r => r.Id == "V13").Severity);
        Assert.Equal([Template._2021], response.Rules.Single(r => r.Id == "V14").Templates);
    }
}
