using GovReport.Domain.Validation;
using GovReport.Import.Tests.Support;

namespace GovReport.Import.Tests;

/// <summary>
/// Each seed imported from its text and validated: exactly what fixtures/seeds/README.md lists as "must be found",
/// nothing from "must NOT be reported".
/// </summary>
public class SeedValidationTests
{
    private static readonly ReportValidator Validator = new();

    private static IReadOnlyList<Finding> Validate(string name) =>
        Validator.Validate(ReportImporter.Import(SeedFiles.Bytes(name), name).Report).Findings;

    private static void AssertFound(IReadOnlyList<Finding> findings, string rule, Severity severity, params string[] cells)
    {
        Assert.True(findings.Any(f => f.RuleId == rule && f.Severity == severity && cells.All(c => f.Cells.Any(x => x.Address == c))),
            $"expected {rule} {severity} on [{string.Join(", ", cells)}]; found:\n" + string.Join("\n", findings));
    }

    private static void AssertNone(IReadOnlyList<Finding> findings, Func<Finding, bool> forbidden, string what)
    {
        var hits = findings.Where(forbidden).ToList();
        Assert.True(hits.Count == 0, $"must not report {what}; found:\n" + string.Join("\n", hits));
    }

    private static bool TouchesTable(Finding f, string table) => f.Cells.Any(c => c.Address.StartsWith(table + ".", StringComparison.Ordinal));

    private static bool IsArithmetic(Finding f) => f.RuleId is "V01" or "V02" or "V03" or "V05";

    [Fact]
    public void Validate_Seed000_BalanceBrokenInTwoColumnsOnly()
    {
        var findings = Validate("000_aef716c44369ab4f.txt");
        AssertFound(findings, "V01", Severity.Error, "applications.new_received.natural_person", "applications.results_total.natural_person");
        AssertFound(findings, "V01", Severity.Error, "applications.new_received.commercial", "applications.results_total.commercial");
        AssertNone(findings, f => f.RuleId == "V01" && f.Cells.Any(c => c.Address.EndsWith(".total", StringComparison.Ordinal)), "V01 on the 总计 column (15 = 15)");
        Assert.Equal(2, findings.Count(f => f.RuleId == "V01"));
        AssertNone(findings, f => f.RuleId == "V12", "a deadline finding (2020年1月18日 is on time)");
        AssertNone(findings, f => f.Severity == Severity.Error && (TouchesTable(f, "active_disclosure") || TouchesTable(f, "reviews_litigation")), "errors in tables 2 and 4");
        AssertNone(findings, f => f.RuleId == "V13", "narrative mismatches");
        AssertNone(findings, f => f.RuleId is "V24" or "V25" or "V10" or "V20" or "V21", "metadata or structure findings");
    }

    [Fact]
    public void Validate_Seed001_AsksForAgencyAndDate_WarnsBlanks_NoArithmeticError()
    {
        var findings = Validate("001_4b3fe3c3b758daf8.txt");
        Assert.Contains(findings, f => f.RuleId == "V24");
        Assert.Contains(findings, f => f.RuleId == "V25");
        AssertFound(findings, "V17", Severity.Warning, "applications.new_received.research");
        AssertNone(findings, IsArithmetic, "arithmetic errors");
    }

    [Fact]
    public void Validate_Seed002_ResultsTotalWrongInTwoColumns_DateTooEarly_OneBlank()
    {
        var findings = Validate("002_dfb6703c5ed3c52a.txt");
        AssertFound(findings, "V03", Severity.Error, "applications.results_total.natural_person");
        AssertFound(findings, "V03", Severity.Error, "applications.results_total.commercial");
        AssertFound(findings, "V01", Severity.Error, "applications.results_total.natural_person");
        AssertFound(findings, "V01", Severity.Error, "applications.results_total.commercial");
        Assert.Equal(2, findings.Count(f => f.RuleId == "V03"));
        Assert.Equal(2, findings.Count(f => f.RuleId == "V01"));
        AssertFound(findings, "V12", Severity.Error);
        var blank = Assert.Single(findings, f => f.RuleId == "V17");
        Assert.Equal("applications.rejected_repeat.total", Assert.Single(blank.Cells).Address);
        AssertNone(findings, f => f.Severity == Severity.Error && (TouchesTable(f, "active_disclosure") || TouchesTable(f, "reviews_litigation")), "errors in tables 2 and 4");
        AssertNone(findings, f => f.RuleId == "V02", "row-total errors");
    }

    [Fact]
    public void Validate_Seed003_PartsOutOfOrderExtraPartObsoleteTable_NoArithmeticOrNarrativeError()
    {
        var findings = Validate("003_0b363b8c6b5339b4.txt");
        Assert.Contains(findings, f => f.RuleId == "V20" && f.Message.Contains("三、公开平台建设和信息发布情况", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "V21");
        Assert.Contains(findings, f => f.RuleId == "V25");
        Assert.Contains(findings, f => f.RuleId == "V17");
        AssertNone(findings, f => f.RuleId == "V10", "a missing part (all six are there, renamed)");
        AssertNone(findings, IsArithmetic, "arithmetic errors");
        AssertNone(findings, f => f.RuleId == "V13", "narrative mismatches (137件, 36件, 11件, 63件, 11件, 15件, 12件, 5件, 7件, 30件 all agree)");
    }

    [Fact]
    public void Validate_Seed004_SevenPartsObsoleteTableAmountWithoutUnit_NoArithmeticError()
    {
        var findings = Validate("004_0a6fad6ec4f98190.txt");
        Assert.Contains(findings, f => f.RuleId == "V20" && f.Message.Contains("出现2次", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.RuleId == "V21");
        AssertFound(findings, "V22", Severity.Warning, "active_disclosure.art20_9.procurement.amount");
        AssertFound(findings, "V23", Severity.Warning, "active_disclosure.art20_9.procurement.amount");
        Assert.Contains(findings, f => f.RuleId == "V25");
        AssertNone(findings, IsArithmetic, "arithmetic errors");
    }
}
