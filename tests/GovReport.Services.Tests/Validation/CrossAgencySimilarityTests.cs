using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Services.Tests.Identity;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Validation;

/// <summary>
/// V18 against other agencies through the real server: the same seed narrative stored by two agencies for the same
/// year is reported on each, naming the other; an unrelated narrative is not; replacing the narrative clears it.
/// </summary>
public sealed class CrossAgencySimilarityTests(AuthenticatedServer server) : IClassFixture<AuthenticatedServer>
{
    [Fact]
    public async Task GetReportValidation_TwoAgenciesSameNarrative_V18NamesTheOtherAgency()
    {
        var (first, firstName) = await CreateAgencyAsync("甲县人民政府办公室");
        var (second, secondName) = await CreateAgencyAsync("乙县人民政府办公室");
        var seed = await server.ImportSeedAsync(SeedFiles.Seed000);
        var firstReport = await CreateReportAsync(first, seed);
        var secondReport = await CreateReportAsync(second, seed);

        var onSecond = CrossAgencyFindings(await ValidateAsync(secondReport.Name));
        var onFirst = CrossAgencyFindings(await ValidateAsync(firstReport.Name));

        var finding = Assert.Single(onSecond, f => f.Message.Contains(firstName, StringComparison.Ordinal));
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.StartsWith($"正文与{firstName}2019年度报告高度相似（相似度100", finding.Message, StringComparison.Ordinal);
        Assert.Contains(onFirst, f => f.Message.Contains(secondName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetReportValidation_UnrelatedNarrativeSameYear_NoCrossAgencyV18()
    {
        var (first, _) = await CreateAgencyAsync("丙县人民政府办公室");
        var (second, _) = await CreateAgencyAsync("丁市人民政府办公厅");
        await CreateReportAsync(first, await server.ImportSeedAsync(SeedFiles.Seed000));
        var unrelated = await CreateReportAsync(second, await server.ImportSeedAsync(SeedFiles.Seed003));

        Assert.Empty(CrossAgencyFindings(await ValidateAsync(unrelated.Name)));
    }

    [Fact]
    public async Task UpdateReport_NarrativeReplaced_OtherAgencyNoLongerNamed()
    {
        var (first, firstName) = await CreateAgencyAsync("戊县人民政府办公室");
        var (second, _) = await CreateAgencyAsync("己县人民政府办公室");
        var seed = await server.ImportSeedAsync(SeedFiles.Seed000);
        // 2020 (same template), so the reports of the other tests (2019) are not among the agencies named.
        await CreateReportAsync(first, seed, 2020);
        var copy = await CreateReportAsync(second, seed, 2020);
        Assert.Contains(CrossAgencyFindings(await ValidateAsync(copy.Name)), f => f.Message.Contains(firstName, StringComparison.Ordinal));

        var rewritten = copy.Clone();
        rewritten.Parts.Clear();
        rewritten.Parts.Add((await server.ImportSeedAsync(SeedFiles.Seed003)).Parts);
        await server.CallAsync<UpdateReportRequest, Report>(server.AdminToken, "ReportService/UpdateReport",
            new UpdateReportRequest { Report = rewritten, UpdateMask = new FieldMask { Paths = { "parts" } } });

        Assert.DoesNotContain(CrossAgencyFindings(await ValidateAsync(copy.Name)), f => f.Message.Contains(firstName, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetReportValidation_ClerkAndReviewer_ClerkGetsACountReviewerTheName()
    {
        var (first, firstName) = await CreateAgencyAsync("庚县人民政府办公室");
        var (second, _) = await CreateAgencyAsync("辛县人民政府办公室");
        var (_, clerkToken) = await server.CreateUserAsync("clerk-similar", Role.Clerk, second);
        var seed = await server.ImportSeedAsync(SeedFiles.Seed000);
        // 2020 (same template); another test of this class may have stored the same narrative that year too, so the
        // clerk's count is at least 1.
        await CreateReportAsync(first, seed, 2020);
        var copy = await CreateReportAsync(second, seed, 2020);

        var asClerk = CrossAgencyFindings(await ValidateAsync(copy.Name, clerkToken));
        var asReviewer = CrossAgencyFindings(await ValidateAsync(copy.Name, server.ReviewerToken));

        var counted = Assert.Single(asClerk);
        Assert.Matches(@"^正文与[1-9]\d*个其他机关的2020年度报告高度相似（未列出名称），请核实是否照搬其他机关的内容$", counted.Message);
        Assert.Equal(Severity.Info, counted.Severity);
        Assert.Contains(asReviewer, f => f.Message.StartsWith($"正文与{firstName}2020年度报告高度相似", StringComparison.Ordinal));
    }

    /// <summary>V18 findings about another agency (the previous-year V18 names a year, not an agency).</summary>
    private static List<Finding> CrossAgencyFindings(ValidationResult result) =>
        [.. result.Findings.Where(f => f.RuleId == "V18" && f.Message.Contains("其他机关", StringComparison.Ordinal))];

    private async Task<(string Name, string DisplayName)> CreateAgencyAsync(string displayName)
    {
        var agency = await server.CallAsync<CreateAgencyRequest, Agency>(server.AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
        {
            Parent = server.District.Name,
            Agency = new Agency { DisplayName = displayName, Kind = AgencyKind.Department },
        });
        return (agency.Name, agency.DisplayName);
    }

    private Task<Report> CreateReportAsync(string agency, Report report, int? year = null)
    {
        var stored = report.Clone();
        stored.ReportYear = year ?? report.ReportYear;
        return server.CallAsync<CreateReportRequest, Report>(server.AdminToken, "ReportService/CreateReport",
            new CreateReportRequest { Parent = agency, Report = stored });
    }

    private Task<ValidationResult> ValidateAsync(string name, string? token = null) =>
        server.CallAsync<GetReportValidationRequest, ValidationResult>(token ?? server.AdminToken, "ReportService/GetReportValidation",
            new GetReportValidationRequest { Name = name });
}
