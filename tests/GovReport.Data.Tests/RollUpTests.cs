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

        Assert.Equal(12, rollUp.ReportCount);
        Assert.Equal(expected.OrderBy(e => e.Key), rollUp.Sums.OrderBy(e => e.Key));
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
