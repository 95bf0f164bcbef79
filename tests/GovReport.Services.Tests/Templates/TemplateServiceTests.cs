using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Templates;

/// <summary>TemplateService over a real loopback server and GrpcChannel.</summary>
public sealed class TemplateServiceTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string List = "/govreport.v1.TemplateService/ListTemplates";
    private const string Get = "/govreport.v1.TemplateService/GetTemplate";

    private static readonly string[] PartCodes = ["overview", "active_disclosure", "applications", "reviews_litigation", "problems", "other_matters"];
    private static readonly string[] TableCodes = ["active_disclosure", "applications", "reviews_litigation"];

    private Task<ReportTemplate> GetTemplateAsync(string name) =>
        server.Channel.UnaryAsync<GetTemplateRequest, ReportTemplate>(Get, new GetTemplateRequest { Name = name });

    [Fact]
    public async Task ListTemplates_Always_Returns2019And2021WithSixPartsAndThreeTables()
    {
        var response = await server.Channel.UnaryAsync<ListTemplatesRequest, ListTemplatesResponse>(List, new ListTemplatesRequest());

        Assert.Equal(["templates/2019", "templates/2021"], response.Templates.Select(t => t.Name));
        Assert.Equal([Template._2019, Template._2021], response.Templates.Select(t => t.Template));
        Assert.Equal("国办公开办函〔2019〕60号", response.Templates[0].DocumentNumber);
        Assert.Equal("国办公开办函〔2021〕30号", response.Templates[1].DocumentNumber);
        foreach (var template in response.Templates)
        {
            Assert.Equal(PartCodes, template.Parts.Select(p => p.Code));
            Assert.Equal(["一", "二", "三", "四", "五", "六"], template.Parts.Select(p => p.Number));
            Assert.Equal("一、总体情况", template.Parts[0].Heading);
            Assert.Equal(TableCodes, template.Tables.Select(t => t.Code));
            Assert.True(template.CellCount > 0);
            var addresses = template.Tables.SelectMany(t => t.Blocks).SelectMany(b => b.Rows).SelectMany(r => r.CellAddresses).ToList();
            Assert.Equal(template.CellCount, addresses.Count);
            Assert.Equal(addresses.Count, addresses.Distinct().Count());
        }
    }

    [Fact]
    public async Task GetTemplate_2021_ApplicationsTableHas25RowsAnd7ColumnsWithVerbatimNote()
    {
        var template = await GetTemplateAsync("templates/2021");

        Assert.Equal(2021, template.FirstYear);
        Assert.Equal(0, template.LastYear);
        var applications = Assert.Single(template.Tables, t => t.Code == "applications");
        Assert.Equal("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", applications.Note);
        var block = Assert.Single(applications.Blocks);
        Assert.Equal(25, block.Rows.Count);
        Assert.Equal(["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"], block.Columns.Select(c => c.Code));
        Assert.True(block.Columns[6].IsTotal);
        Assert.All(block.Rows, row => Assert.Equal(7, row.CellAddresses.Count));
        Assert.Equal("applications.new_received.natural_person", block.Rows[0].CellAddresses[0]);
        Assert.True(Assert.Single(block.Rows, r => r.Code == "results_total").IsTotal);
    }

    [Fact]
    public async Task GetTemplate_2021_OtherHandlingHasThreeSubRowsUnderOneGroup()
    {
        var template = await GetTemplateAsync("templates/2021");

        var block = Assert.Single(Assert.Single(template.Tables, t => t.Code == "applications").Blocks);
        var subRows = block.Rows.Where(r => r.Code.StartsWith("other_", StringComparison.Ordinal)).ToList();
        Assert.Equal(["other_no_correction", "other_fee_unpaid", "other_misc"], subRows.Select(r => r.Code));
        var groupCode = subRows[0].GroupCode;
        Assert.NotEmpty(groupCode);
        Assert.All(subRows, r => Assert.Equal(groupCode, r.GroupCode));
        var group = Assert.Single(block.RowGroups, g => g.Code == groupCode);
        Assert.Contains("（六）其他处理", group.Label, StringComparison.Ordinal);
        var rowCodes = block.Rows.Select(r => r.Code).ToList();
        Assert.Equal(rowCodes.IndexOf("other_no_correction") + 3, rowCodes.IndexOf("results_total"));
    }

    [Fact]
    public async Task GetTemplate_2021_ActiveDisclosureFeesAmountIsDecimalInTenThousandYuan()
    {
        var template = await GetTemplateAsync("templates/2021");

        var table = Assert.Single(template.Tables, t => t.Code == "active_disclosure");
        var fees = Assert.Single(table.Blocks, b => b.Code == "art20_8");
        var column = Assert.Single(fees.Columns);
        Assert.Equal("amount_10k_yuan", column.Code);
        Assert.Equal("本年收费金额（单位：万元）", column.Label);
        Assert.Equal(CellKind.Amount, column.Kind);
        Assert.Equal("万元", column.Unit);
        Assert.Equal(["active_disclosure.art20_8.fees.amount_10k_yuan"], Assert.Single(fees.Rows).CellAddresses);
    }

    [Fact]
    public async Task GetTemplate_2019_OtherHandlingIsOneRowAndYearsEndIn2020()
    {
        var template = await GetTemplateAsync("templates/2019");

        Assert.Equal(2019, template.FirstYear);
        Assert.Equal(2020, template.LastYear);
        var block = Assert.Single(Assert.Single(template.Tables, t => t.Code == "applications").Blocks);
        Assert.Equal(23, block.Rows.Count);
        Assert.Contains(block.Rows, r => r.Code == "other_handling");
    }

    [Fact]
    public async Task GetTemplate_UnknownName_NotFoundWithErrorInfo()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => GetTemplateAsync("templates/2030"));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var info = error.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Equal("TEMPLATE_NOT_FOUND", info.Type);
        Assert.Equal("govreport.v1", info.Domain);
        Assert.Contains("templates/2030", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("模板", error.Status.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2021")]
    [InlineData("templates/")]
    [InlineData("templates/20x1")]
    [InlineData("")]
    public async Task GetTemplate_MalformedName_InvalidArgumentWithNameViolation(string name)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => GetTemplateAsync(name));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetDetail<BadRequest>();
        Assert.NotNull(badRequest);
        var violation = Assert.Single(badRequest.FieldViolations);
        Assert.Equal("name", violation.Field);
        Assert.NotEmpty(violation.Description);
        Assert.Equal("INVALID_TEMPLATE_NAME", error.GetDetail<ErrorInfo>()?.Type);
    }
}
