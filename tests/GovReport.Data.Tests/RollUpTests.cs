using GovReport.Domain.Reports;
using GovReport.Domain.Workflow;

namespace GovReport.Data.Tests;

public class RollUpTests
{
    private static readonly string[] Rows = ["new_received", "carried_over", "granted", "results_total"];
    private static readonly string[] Columns = ["natural_person", "commercial", "total"];

    [Fact]
    public async Task RollUpApplicationsAsync_Subtree_EqualsDecimalSumInCSharp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var random = new Random(20260123);
        var expected = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using var stores = database.NewStores();

        // 12 agencies under 北仑区 with 2025 reports (counted), plus reports outside the subtree or year (not counted).
        for (var i = 0; i < 12; i++)
        {
            var agency = await stores.Agencies.CreateAsync(world.Admin, $"北仑区第{i}局", AgencyKind.Department, world.Beilun.Id);
            var cells = RandomCells(random);
            foreach (var cell in cells.Where(c => c.Value is not null && c.Address.StartsWith("applications.", StringComparison.Ordinal)))
            {
                expected[cell.Address] = expected.GetValueOrDefault(cell.Address) + cell.Value!.Value;
            }

            await stores.Reports.CreateAsync(world.Admin, agency.Id, 2025, Content.Sample() with { Cells = cells });
            await stores.Reports.CreateAsync(world.Admin, agency.Id, 2024, Content.Sample() with { Cells = RandomCells(random) });
        }

        await stores.Reports.CreateAsync(world.Admin, world.Langxia.Id, 2025, Content.Sample() with { Cells = RandomCells(random) });

        var rollUp = await stores.Reports.RollUpApplicationsAsync(world.BeilunReviewer, world.Beilun.Id, 2025);
        var exact = await stores.Reports.RollUpApplicationsExactAsync(world.BeilunReviewer, world.Beilun.Id, 2025);

        Assert.Equal(12, rollUp.ReportCount);
        Assert.Equal(12, exact.ReportCount);
        Assert.All(rollUp.Sums, s => Assert.Equal(expected.GetValueOrDefault(s.Key), s.Value));
        Assert.Equal(rollUp.Sums.OrderBy(e => e.Key), exact.Sums.OrderBy(e => e.Key));
        Assert.Subset(rollUp.Sums.Keys.ToHashSet(), expected.Keys.ToHashSet());
        Assert.DoesNotContain(rollUp.Sums.Keys, k => k.StartsWith("active_disclosure", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RollUpApplicationsAsync_FractionalValues_ExactWithoutFloatingPointDrift()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        for (var i = 0; i < 10; i++)
        {
            var agency = await stores.Agencies.CreateAsync(world.Admin, $"局{i}", AgencyKind.Department, world.Yuyao.Id);
            await stores.Reports.CreateAsync(world.Admin, agency.Id, 2025,
                Content.Sample() with { Cells = [new StoredCell("applications.new_received.total", true, 0.1m)] });
        }

        var rollUp = await stores.Reports.RollUpApplicationsAsync(world.Admin, world.Yuyao.Id, 2025);

        // 0.1 ten times is exactly 1 in decimal; in double it is 0.9999999999999999.
        Assert.Equal(1.0m, rollUp.Sums["applications.new_received.total"]);
    }

    [Fact]
    public async Task RollUpApplicationsAsync_FilteredByState_CountsOnlyThatState()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var a = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample(10));
        await stores.Reports.CreateAsync(world.LangxiaClerk, world.Langxia.Id, 2025, Content.Sample(5));
        await stores.Reports.SubmitAsync(world.OfficeClerk, a.Summary.Id, null, [], []);

        var submitted = await stores.Reports.RollUpApplicationsAsync(world.CityReviewer, world.Ningbo.Id, 2025, ReportState.Submitted);
        var all = await stores.Reports.RollUpApplicationsAsync(world.CityReviewer, world.Ningbo.Id, 2025);

        Assert.Equal(1, submitted.ReportCount);
        Assert.Equal(10m, submitted.Sums["applications.new_received.natural_person"]);
        Assert.Equal(2, all.ReportCount);
        Assert.Equal(15m, all.Sums["applications.new_received.natural_person"]);
    }

    [Fact]
    public async Task RollUpApplicationsAsync_AfterUpdatesTransitionsAndDeletes_MaintainedSumsEqualExactScan()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        var random = new Random(7);
        await using var stores = database.NewStores();
        var office = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample() with { Cells = RandomCells(random) });
        var langxia = await stores.Reports.CreateAsync(world.LangxiaClerk, world.Langxia.Id, 2025, Content.Sample() with { Cells = RandomCells(random) });
        var beilun = await stores.Reports.CreateAsync(world.Admin, world.Beilun.Id, 2025, Content.Sample() with { Cells = RandomCells(random) });
        await stores.Reports.CreateAsync(world.Admin, world.Yuyao.Id, 2024, Content.Sample() with { Cells = RandomCells(random) });

        var updated = await stores.Reports.UpdateAsync(world.OfficeClerk, office.Summary.Id, office.Summary.Etag, Content.Sample() with { Cells = RandomCells(random) });
        await stores.Reports.SubmitAsync(world.OfficeClerk, office.Summary.Id, updated.Summary.Etag, [], []);
        await stores.Reports.ApproveAsync(world.BeilunReviewer, office.Summary.Id, null);
        await stores.Reports.SubmitAsync(world.LangxiaClerk, langxia.Summary.Id, null, [], []);
        await stores.Reports.ReturnAsync(world.CityReviewer, langxia.Summary.Id, null, "请核对", [], []);
        await stores.Reports.DeleteAsync(world.Admin, beilun.Summary.Id, null);

        foreach (var agency in new[] { world.Ningbo, world.Beilun, world.Office, world.Yuyao, world.Langxia })
        {
            foreach (ReportState? state in new ReportState?[] { null, ReportState.Draft, ReportState.Approved, ReportState.Returned })
            {
                foreach (var year in new[] { 2024, 2025 })
                {
                    var fast = await stores.Reports.RollUpApplicationsAsync(world.Admin, agency.Id, year, state);
                    var exact = await stores.Reports.RollUpApplicationsExactAsync(world.Admin, agency.Id, year, state);
                    Assert.Equal(exact.ReportCount, fast.ReportCount);
                    Assert.Equal(exact.Sums.OrderBy(e => e.Key), fast.Sums.OrderBy(e => e.Key));
                }
            }
        }

        Assert.Equal(2, (await stores.Reports.RollUpApplicationsAsync(world.Admin, world.Ningbo.Id, 2025)).ReportCount);
        var maintained = await stores.Reports.RollUpApplicationsAsync(world.Admin, world.Ningbo.Id, 2025, ReportState.Approved);
        await stores.Reports.RebuildApplicationsRollupAsync(world.Admin);
        var rebuilt = await stores.Reports.RollUpApplicationsAsync(world.Admin, world.Ningbo.Id, 2025, ReportState.Approved);
        Assert.Equal(maintained.Sums.OrderBy(e => e.Key), rebuilt.Sums.OrderBy(e => e.Key));
        Assert.Equal(maintained.ReportCount, rebuilt.ReportCount);
        Assert.Equal(1, (await stores.Reports.RollUpApplicationsAsync(world.Admin, world.Ningbo.Id, 2025, ReportState.Approved)).ReportCount);
    }

    [Fact]
    public async Task RollUpApplicationsAsync_ClerkOnOwnAgency_CountsOnlyOwnReport()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        await stores.Reports.CreateAsync(world.Admin, world.Beilun.Id, 2025, Content.Sample(100));
        await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample(7));

        var own = await stores.Reports.RollUpApplicationsAsync(world.OfficeClerk, world.Office.Id, 2025);

        Assert.Equal(1, own.ReportCount);
        Assert.Equal(7m, own.Sums["applications.new_received.natural_person"]);
        await Assert.ThrowsAsync<Domain.Identity.AccessDeniedException>(() =>
            stores.Reports.RollUpApplicationsAsync(world.OfficeClerk, world.Beilun.Id, 2025));
    }

    private static List<StoredCell> RandomCells(Random random)
    {
        var cells = new List<StoredCell>();
        foreach (var row in Rows)
        {
            foreach (var column in Columns)
            {
                var address = $"applications.{row}.{column}";
                if (random.Next(6) == 0)
                {
                    cells.Add(new StoredCell(address, false, null));
                    continue;
                }

                cells.Add(new StoredCell(address, true, random.Next(0, 100_000) + (random.Next(10_000) / 10_000m)));
            }
        }

        cells.Add(new StoredCell("active_disclosure.art20_8.fees.amount_10k_yuan", true, 99.5m));
        return cells;
    }
}
