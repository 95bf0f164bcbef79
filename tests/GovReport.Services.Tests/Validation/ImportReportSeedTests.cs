using Google.Protobuf;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Validation;

/// <summary>
/// ImportReport over gRPC on each seed report: every "must be found" item of fixtures/seeds/README.md with its rule,
/// severity and cells, and nothing from the "must NOT be reported" column.
/// </summary>
public sealed class ImportReportSeedTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Import = "/govreport.v1.ValidationService/ImportReport";

    private Task<ImportReportResponse> ImportAsync(string seed) =>
        server.Channel.UnaryAsync<ImportReportRequest, ImportReportResponse>(
            Import, new ImportReportRequest { Content = ByteString.CopyFrom(SeedFiles.Bytes(seed)), FileName = seed });

    private static string Dump(IEnumerable<Finding> findings) =>
        string.Join("\n", findings.Select(f => $"#{f.Id} {f.RuleId} {f.Severity} caused_by={f.CausedBy} [{string.Join(", ", f.Cells.Select(c => $"{c.Address}={c.Stated}/{c.Computed}"))}] {f.Message}"));

    private static Finding AssertFound(ImportReportResponse response, string rule, Severity severity, params string[] cells)
    {
        var match = response.Validation.Findings.FirstOrDefault(f =>
            f.RuleId == rule && f.Severity == severity && cells.All(c => f.Cells.Any(x => x.Address == c)));
        Assert.True(match is not null, $"expected {rule} {severity} on [{string.Join(", ", cells)}]; found:\n{Dump(response.Validation.Findings)}");
        return match;
    }

    private static void AssertNone(ImportReportResponse response, Func<Finding, bool> forbidden, string what)
    {
        var hits = response.Validation.Findings.Where(forbidden).ToList();
        Assert.True(hits.Count == 0, $"must not report {what}; found:\n{Dump(hits)}");
    }

    private static bool IsArithmetic(Finding f) => f.RuleId is "V01" or "V02" or "V03" or "V05";

    private static bool IsErrorInTables2Or4(Finding f) =>
        f.Severity == Severity.Error && f.Cells.Any(c => c.Address.StartsWith("active_disclosure.", StringComparison.Ordinal) || c.Address.StartsWith("reviews_litigation.", StringComparison.Ordinal));

    private static Cell CellAt(ImportReportResponse response, string address) => Assert.Single(response.Report.Cells, c => c.Address == address);

    private static void AssertCounts(ValidationResult result)
    {
        Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Error), result.ErrorCount);
        Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Error && f.CausedBy == 0), result.RootErrorCount);
        Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Warning), result.WarningCount);
        Assert.Equal(result.Findings.Count(f => f.Severity == Severity.Info), result.InfoCount);
    }

    [Fact]
    public async Task ImportReport_Seed000_BalanceBrokenInNaturalPersonAndCommercialOnly()
    {
        var response = await ImportAsync(SeedFiles.Seed000);

        Assert.Equal("北仑区人民政府办公室", response.Report.AgencyDisplayName);
        Assert.Equal(2019, response.Report.ReportYear);
        Assert.Equal(Template._2019, response.Report.Template);
        Assert.Equal("2020-01-18", response.Report.PublicationDate);
        // 14 + 0 vs 15 + 0 and 1 + 0 vs 0 + 0; the 总计 column balances (15 = 15).
        Assert.Equal("14", CellAt(response, "applications.new_received.natural_person").Value);
        Assert.Equal("15", CellAt(response, "applications.results_total.natural_person").Value);
        Assert.Equal("1", CellAt(response, "applications.new_received.commercial").Value);
        Assert.Equal("0", CellAt(response, "applications.results_total.commercial").Value);
        Assert.Equal("15", CellAt(response, "applications.new_received.total").Value);
        Assert.Equal("15", CellAt(response, "applications.results_total.total").Value);
        AssertFound(response, "V01", Severity.Error, "applications.new_received.natural_person", "applications.results_total.natural_person");
        AssertFound(response, "V01", Severity.Error, "applications.new_received.commercial", "applications.results_total.commercial");
        Assert.Equal(2, response.Validation.Findings.Count(f => f.RuleId == "V01"));
        AssertNone(response, f => f.RuleId == "V01" && f.Cells.Any(c => c.Address.EndsWith(".total", StringComparison.Ordinal)), "V01 on the 总计 column (15 = 15)");
        AssertNone(response, f => f.RuleId is "V12" or "V25", "a date finding (2020年1月18日 is on time)");
        AssertNone(response, IsErrorInTables2Or4, "errors in tables 2 and 4");
        AssertNone(response, f => f.RuleId == "V13", "narrative mismatches (依申请15件, 行政复议1件, 行政诉讼0件, 规范性文件15件 agree)");
        // Label variant "只认这一情形": the row still lands in the template, nothing left unplaced.
        Assert.DoesNotContain(response.Notes, n => n.Severity == "warning" && n.Message.Contains("只认", StringComparison.Ordinal));
        AssertCounts(response.Validation);
    }

    [Fact]
    public async Task ImportReport_Seed001_NotesAskForAgencyAndDate_BlanksRecordedAsBlank_NoArithmeticError()
    {
        var response = await ImportAsync(SeedFiles.Seed001);

        Assert.Equal(2019, response.Report.ReportYear);
        Assert.Empty(response.Report.AgencyDisplayName);
        Assert.Empty(response.Report.PublicationDate);
        Assert.Contains(response.Notes, n => n.Kind == "MISSING_AGENCY_NAME" && n.Message.Contains("机关", StringComparison.Ordinal));
        Assert.Contains(response.Notes, n => n.Kind == "MISSING_PUBLICATION_DATE" && n.Message.Contains("日期", StringComparison.Ordinal));
        Assert.Contains(response.Validation.Findings, f => f.RuleId == "V24");
        Assert.Contains(response.Validation.Findings, f => f.RuleId == "V25");
        // Blank and "—" cells: recorded blank (present false), original text kept, warned, never a number.
        var blanks = response.Report.Cells.Where(c => !c.Present).ToList();
        Assert.NotEmpty(blanks);
        Assert.All(blanks, c => Assert.Empty(c.Value));
        Assert.Contains(blanks, c => c.OriginalText == "—");
        var research = CellAt(response, "applications.new_received.research");
        Assert.False(research.Present);
        AssertFound(response, "V17", Severity.Warning, "applications.new_received.research");
        Assert.All(response.Validation.Findings.Where(f => f.RuleId == "V17"), f => Assert.Equal(Severity.Warning, f.Severity));
        AssertNone(response, IsArithmetic, "arithmetic errors (every total in tables 3 and 4 adds up)");
        AssertCounts(response.Validation);
    }

    [Fact]
    public async Task ImportReport_Seed002_ResultsTotalRootFindingsWithLinkedBalanceFindings_DateTooEarly_OneBlank()
    {
        var response = await ImportAsync(SeedFiles.Seed002);
        var findings = response.Validation.Findings;

        Assert.Equal("重庆市北碚区人民政府办公室", response.Report.AgencyDisplayName);
        Assert.Equal(2020, response.Report.ReportYear);
        Assert.Equal("2020-01-25", response.Report.PublicationDate);
        var natural = AssertFound(response, "V03", Severity.Error, "applications.results_total.natural_person");
        var commercial = AssertFound(response, "V03", Severity.Error, "applications.results_total.commercial");
        Assert.Equal(2, findings.Count(f => f.RuleId == "V03"));
        Assert.Equal(0, natural.CausedBy);
        Assert.Equal(0, commercial.CausedBy);
        var naturalTotal = Assert.Single(natural.Cells, c => c.Address == "applications.results_total.natural_person");
        Assert.Equal(("18", "17"), (naturalTotal.Stated, naturalTotal.Computed));
        var commercialTotal = Assert.Single(commercial.Cells, c => c.Address == "applications.results_total.commercial");
        Assert.Equal(("0", "1"), (commercialTotal.Stated, commercialTotal.Computed));
        Assert.Equal("applications.results_total.natural_person", natural.CulpritAddress);
        Assert.Equal("applications.results_total.commercial", commercial.CulpritAddress);

        // The broken balances are consequences of the wrong （七）总计, linked to their root.
        var naturalBalance = AssertFound(response, "V01", Severity.Error, "applications.results_total.natural_person");
        var commercialBalance = AssertFound(response, "V01", Severity.Error, "applications.results_total.commercial");
        Assert.Equal(2, findings.Count(f => f.RuleId == "V01"));
        Assert.Equal(natural.Id, naturalBalance.CausedBy);
        Assert.Equal(commercial.Id, commercialBalance.CausedBy);

        var date = AssertFound(response, "V12", Severity.Error);
        Assert.Contains("2020年1月25日", date.Message, StringComparison.Ordinal);
        var blank = Assert.Single(findings, f => f.RuleId == "V17");
        Assert.Equal(Severity.Warning, blank.Severity);
        Assert.Equal("applications.rejected_repeat.total", Assert.Single(blank.Cells).Address);
        Assert.DoesNotContain(response.Report.Parts.Concat(response.Report.ExtraParts), p => p.Text.Contains("_GoBack", StringComparison.Ordinal) || p.Text.Contains("[bookmark", StringComparison.Ordinal));
        AssertNone(response, IsErrorInTables2Or4, "errors in tables 2 and 4");
        AssertNone(response, f => f.RuleId == "V02", "row-total errors");
        AssertCounts(response.Validation);
    }

    [Fact]
    public async Task ImportReport_Seed003_StructureFindings_NoArithmeticOrNarrativeFinding()
    {
        var response = await ImportAsync(SeedFiles.Seed003);
        var findings = response.Validation.Findings;

        Assert.Equal("宁波市人民政府办公厅", response.Report.AgencyDisplayName);
        Assert.Equal(2019, response.Report.ReportYear);
        Assert.Empty(response.Report.PublicationDate);
        Assert.Equal(["overview", "active_disclosure", "applications", "reviews_litigation", "problems", "other_matters"], response.Report.Parts.Select(p => p.Code));
        Assert.Equal("基本情况", response.Report.Parts[0].Heading);
        var extra = Assert.Single(response.Report.ExtraParts);
        Assert.Contains("公开平台建设和信息发布情况", extra.Heading, StringComparison.Ordinal);
        var obsolete = Assert.Single(response.Report.ExtraTables);
        Assert.Equal(ExtraTableKind.ObsoleteStatistics, obsolete.Kind);
        Assert.Equal(extra.Order, obsolete.PartOrder);

        Assert.Contains(findings, f => f.RuleId == "V20" && f.Severity == Severity.Warning && f.Message.Contains("三、公开平台建设和信息发布情况", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "V21" && f.Severity == Severity.Warning);
        Assert.Contains(findings, f => f.RuleId == "V25");
        Assert.Contains(findings, f => f.RuleId == "V17" && f.Severity == Severity.Warning);
        // Narrative numbers agree with the tables: 137件, 12件 行政复议, 5件 行政诉讼.
        Assert.Equal("137", CellAt(response, "applications.new_received.total").Value);
        Assert.Equal("12", CellAt(response, "reviews_litigation.review.total").Value);
        AssertNone(response, f => f.RuleId == "V10", "a missing part (all six are there, renamed)");
        AssertNone(response, IsArithmetic, "arithmetic errors");
        AssertNone(response, f => f.RuleId == "V13", "narrative mismatches (137件, 36件, 11件, 63件, 11件, 15件, 12件, 5件, 7件, 30件 all agree)");
        AssertCounts(response.Validation);
    }

    [Fact]
    public async Task ImportReport_Seed004_DuplicatePartObsoleteTableAmountWithoutUnit_NoArithmeticError()
    {
        var response = await ImportAsync(SeedFiles.Seed004);
        var findings = response.Validation.Findings;

        Assert.Equal("余姚市人民政府朗霞街道办事处", response.Report.AgencyDisplayName);
        Assert.Equal(2019, response.Report.ReportYear);
        Assert.Equal(7, response.Report.Parts.Count + response.Report.ExtraParts.Count);
        Assert.Contains(response.Report.ExtraTables, t => t.Kind == ExtraTableKind.ObsoleteStatistics);
        var amount = CellAt(response, "active_disclosure.art20_9.procurement.amount");
        Assert.Equal("165950.2", amount.Value);
        Assert.Empty(amount.Unit);

        Assert.Contains(findings, f => f.RuleId == "V20" && f.Message.Contains("出现2次", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "V21");
        AssertFound(response, "V22", Severity.Warning, "active_disclosure.art20_9.procurement.amount");
        var magnitude = AssertFound(response, "V23", Severity.Warning, "active_disclosure.art20_9.procurement.amount");
        Assert.Contains("16.6亿元", magnitude.Message, StringComparison.Ordinal);
        Assert.Equal(AgencyKind.Township, response.Report.AgencyKind);
        Assert.Equal(2, response.Report.Parts.Count(p => p.Code == "applications"));
        Assert.Contains(findings, f => f.RuleId == "V25");
        AssertNone(response, IsArithmetic, "arithmetic errors");
        AssertCounts(response.Validation);
    }

    [Fact]
    public async Task ImportReport_Seed001WithAgencyAndDateGiven_NoLongerAsksForThem()
    {
        var response = await server.Channel.UnaryAsync<ImportReportRequest, ImportReportResponse>(Import, new ImportReportRequest
        {
            Content = ByteString.CopyFrom(SeedFiles.Bytes(SeedFiles.Seed001)),
            FileName = SeedFiles.Seed001,
            AgencyDisplayName = "某市某局",
            AgencyKind = AgencyKind.Department,
            PublicationDate = "2020-01-20",
        });

        Assert.Equal("某市某局", response.Report.AgencyDisplayName);
        Assert.Equal(AgencyKind.Department, response.Report.AgencyKind);
        Assert.Equal("2020-01-20", response.Report.PublicationDate);
        AssertNone(response, f => f.RuleId is "V24" or "V25" or "V12", "agency or date findings once both are given (2020-01-20 is on time for a department)");
        AssertNone(response, IsArithmetic, "arithmetic errors");
    }

    [Fact]
    public async Task ImportReport_MalformedPublicationDateOverride_InvalidArgumentNamingField()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync<ImportReportRequest, ImportReportResponse>(Import, new ImportReportRequest
        {
            Content = ByteString.CopyFrom(SeedFiles.Bytes(SeedFiles.Seed001)),
            FileName = SeedFiles.Seed001,
            PublicationDate = "2020年1月20日",
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violation = Assert.Single(Assert.IsType<BadRequest>(error.GetDetail<BadRequest>()).FieldViolations);
        Assert.Equal("publication_date", violation.Field);
    }
}
