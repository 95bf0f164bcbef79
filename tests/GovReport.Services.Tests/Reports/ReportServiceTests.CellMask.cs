using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Services.Tests.Reports;

/// <summary>UpdateReport with single cells in the mask ("cells.`ADDRESS`") and the BASIC response view.</summary>
public sealed partial class ReportServiceTests
{
    private const string NaturalPerson = "applications.new_received.natural_person";
    private const string Company = "applications.new_received.commercial";

    [Fact]
    public async Task UpdateReport_OneCellInMask_OnlyThatCellChanges()
    {
        var (office, created) = await SeedReportAsync("cell-mask");
        var request = Edit(created);
        request.Cells.Add(new Cell { Address = NaturalPerson, Present = true, Value = "99" });
        // Not in the mask: ignored.
        request.Cells.Add(new Cell { Address = Company, Present = true, Value = "12345" });

        var updated = await UpdateAsync(office.Token, request, $"cells.`{NaturalPerson}`");

        Assert.Equal(2, updated.Revision);
        Assert.Equal("99", updated.Cells.Single(c => c.Address == NaturalPerson).Value);
        Assert.Equal(
            created.Cells.Where(c => c.Address != NaturalPerson),
            updated.Cells.Where(c => c.Address != NaturalPerson));
        Assert.Equal(created.Parts, updated.Parts);
        Assert.Equal(created.PublicationDate, updated.PublicationDate);
        var diff = await server.CallAsync<CompareReportRevisionsRequest, CompareReportRevisionsResponse>(office.Token,
            "ReportService/CompareReportRevisions", new CompareReportRevisionsRequest { Name = created.Name, FromRevision = 1, ToRevision = 2 });
        Assert.Equal(NaturalPerson, Assert.Single(diff.CellChanges).Address);
    }

    [Fact]
    public async Task UpdateReport_MaskedCellNotSent_CellBecomesBlank()
    {
        var (office, created) = await SeedReportAsync("cell-blank");
        Assert.True(created.Cells.Single(c => c.Address == NaturalPerson).Present);

        // Without back-ticks: the address is still the whole rest of the path.
        var updated = await UpdateAsync(office.Token, Edit(created), $"cells.{NaturalPerson}");

        var cell = updated.Cells.Single(c => c.Address == NaturalPerson);
        Assert.False(cell.Present);
        Assert.Equal(string.Empty, cell.Value);
    }

    [Fact]
    public async Task UpdateReport_CellSavesOfEveryKind_ResponseEqualsContentReadBackFromStorage()
    {
        var (office, report) = await SeedReportAsync("cell-kinds");
        Cell[] saves =
        [
            new() { Address = NaturalPerson, Present = true, Value = "7", OriginalText = "7件" },
            new() { Address = Company, Present = true, OriginalText = "见附表" },
            new() { Address = "applications.new_received.total", Present = false, OriginalText = "—" },
            new() { Address = "applications.carried_over.natural_person", Present = true, Value = "12.50" },
        ];
        foreach (var cell in saves)
        {
            var request = new Report { Name = report.Name, Etag = report.Etag, PublicationDate = "2026-01-15" };
            request.Cells.Add(cell);
            report = await UpdateAsync(office.Token, request, $"cells.`{cell.Address}`", "publication_date");
        }

        // The save's report is cached as the new version's; a FULL list converts the stored content afresh.
        var listed = await ListAsync(office.Token, new ListReportsRequest { Parent = office.Agency.Name, View = ReportView.Full });
        var stored = Assert.Single(listed.Reports);
        var fetched = await GetAsync(office.Token, report.Name);

        Assert.Equal(5, report.Revision);
        Assert.Equal("2026-01-15", stored.PublicationDate);
        Assert.Equal(stored.Cells, report.Cells);
        Assert.Equal(stored.Parts, report.Parts);
        Assert.Equal(stored.Cells, fetched.Cells);
        Assert.Equal((stored.ErrorCount, stored.WarningCount), (report.ErrorCount, report.WarningCount));
        Assert.Equal("见附表", report.Cells.Single(c => c.Address == Company).OriginalText);
    }

    [Fact]
    public async Task UpdateReport_ViewBasic_NoContentInResponseButSaved()
    {
        var (office, created) = await SeedReportAsync("view-basic");
        var request = Edit(created);
        request.Cells.Add(new Cell { Address = NaturalPerson, Present = true, Value = "41" });
        var mask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { $"cells.`{NaturalPerson}`" } };

        var updated = await server.CallAsync<UpdateReportRequest, Report>(office.Token, "ReportService/UpdateReport",
            new UpdateReportRequest { Report = request, UpdateMask = mask, View = ReportView.Basic });
        var fetched = await GetAsync(office.Token, created.Name);

        Assert.Empty(updated.Cells);
        Assert.Empty(updated.Parts);
        Assert.Equal(2, updated.Revision);
        Assert.Equal(fetched.Etag, updated.Etag);
        Assert.Equal(fetched.ErrorCount, updated.ErrorCount);
        Assert.Contains("update", updated.AllowedActions);
        Assert.Equal("41", fetched.Cells.Single(c => c.Address == NaturalPerson).Value);
    }

    [Theory]
    [InlineData("cells.`applications.no_such_cell`", "update_mask.paths")]
    [InlineData("cells.``", "update_mask.paths")]
    [InlineData("cells.`applications.new_received.natural_person", "update_mask.paths")]
    public async Task UpdateReport_BadCellPath_InvalidArgumentNothingStored(string path, string field)
    {
        var (office, created) = await SeedReportAsync("bad-path-" + path.Length);
        var request = Edit(created);
        request.Cells.Add(new Cell { Address = NaturalPerson, Present = true, Value = "1" });

        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(office.Token, request, path));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Contains(error.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == field);
        Assert.Equal(created.Etag, (await GetAsync(office.Token, created.Name)).Etag);
    }

    [Theory]
    [InlineData("cells")]
    [InlineData("template")]
    public async Task UpdateReport_WholeFieldWithSingleCells_InvalidArgument(string whole)
    {
        var (office, created) = await SeedReportAsync("mixed-" + whole);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            UpdateAsync(office.Token, Edit(created), whole, $"cells.`{NaturalPerson}`"));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Contains(whole, error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpdateReport_MaskedCellNotANumber_InvalidArgumentNamesCellNothingStored()
    {
        var (office, created) = await SeedReportAsync("cell-nan");
        var request = Edit(created);
        request.Cells.Add(new Cell { Address = Company, Present = true, Value = "1" });
        request.Cells.Add(new Cell { Address = NaturalPerson, Present = true, Value = "十二" });

        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(office.Token, request, $"cells.`{NaturalPerson}`", $"cells.`{Company}`"));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Contains(error.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == "report.cells[1].value");
        Assert.Equal(created.Etag, (await GetAsync(office.Token, created.Name)).Etag);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(40)]
    public async Task UpdateReport_SentCellTwice_InvalidArgumentNamesTheSecond(int sent)
    {
        var (office, created) = await SeedReportAsync("cell-twice-" + sent);
        var request = Edit(created);
        request.Cells.AddRange(created.Cells.Where(c => c.Address != NaturalPerson).Take(sent - 1));
        request.Cells.Insert(0, new Cell { Address = NaturalPerson, Present = true, Value = "1" });
        request.Cells.Add(new Cell { Address = NaturalPerson, Present = true, Value = "2" });

        var error = await Assert.ThrowsAsync<RpcException>(() => UpdateAsync(office.Token, request, $"cells.`{NaturalPerson}`"));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Contains(error.GetDetail<BadRequest>()!.FieldViolations, v => v.Field == $"report.cells[{sent}].address");
    }

    [Fact]
    public async Task UpdateReport_SingleCellWithParts_BothSaved()
    {
        var (office, created) = await SeedReportAsync("cell-parts");
        var request = Edit(created);
        request.Parts.Add(created.Parts);
        request.Parts[0] = request.Parts[0].Clone();
        request.Parts[0].Text = "本年度总体情况（修订）。";
        request.Cells.Add(new Cell { Address = NaturalPerson, Present = true, Value = "5" });

        var updated = await UpdateAsync(office.Token, request, "parts", $"cells.`{NaturalPerson}`");

        Assert.Equal("本年度总体情况（修订）。", updated.Parts[0].Text);
        Assert.Equal("5", updated.Cells.Single(c => c.Address == NaturalPerson).Value);
        Assert.Equal(created.Cells.Where(c => c.Address != NaturalPerson), updated.Cells.Where(c => c.Address != NaturalPerson));
    }

    // Seed 000 stored as a draft of a new office; the office's clerk token with it.
    private async Task<((Agency Agency, string Token) Office, Report Created)> SeedReportAsync(string office)
    {
        var created = await NewOfficeAsync(office);
        return (created, await CreateAsync(created.Token, created.Agency, await server.ImportSeedAsync()));
    }

    // An update of `report` that carries nothing but its name and etag yet.
    private static Report Edit(Report report) => new() { Name = report.Name, Etag = report.Etag };
}
