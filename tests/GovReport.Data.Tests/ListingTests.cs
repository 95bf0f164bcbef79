using GovReport.Domain.Agencies;
using GovReport.Domain.Reports;
using GovReport.Domain.Workflow;

namespace GovReport.Data.Tests;

public class ListingTests
{
    [Fact]
    public async Task ListAsync_ManyReportsPagedWhileInserting_EveryReportOnceInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var agencies = new List<Agency>();
        for (var i = 0; i < 40; i++)
        {
            agencies.Add(await stores.Agencies.CreateAsync(world.Admin, $"北仑区第{i}局", AgencyKind.Department, world.Beilun.Id));
        }

        var ids = new List<long>();
        foreach (var agency in agencies)
        {
            foreach (var year in new[] { 2023, 2024, 2025 })
            {
                ids.Add((await stores.Reports.CreateAsync(world.Admin, agency.Id, year, Content.Sample())).Summary.Id);
            }
        }

        var seen = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await stores.Reports.ListAsync(world.BeilunReviewer, new ReportQuery { PageSize = 25, PageToken = token });
            seen.AddRange(page.Items.Select(r => r.Id));
            token = page.NextPageToken;
            pages++;
            if (pages == 2)
            {
                // A report created mid-listing lands after the cursor and is listed once, nothing shifts.
                ids.Add((await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample())).Summary.Id);
            }
        }
        while (token is not null);

        Assert.Equal(ids.Order(), seen);
        Assert.Equal(5, pages);
    }

    [Fact]
    public async Task ListAsync_Filters_YearSubtreeStateErrors()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var office2025 = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample() with { ErrorCount = 2 });
        await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2024, Content.Sample());
        var langxia2025 = await stores.Reports.CreateAsync(world.LangxiaClerk, world.Langxia.Id, 2025, Content.Sample());
        await stores.Reports.SubmitAsync(world.LangxiaClerk, langxia2025.Summary.Id, null, [], []);

        async Task<long[]> Ids(Caller caller, ReportQuery query) =>
            [.. (await stores.Reports.ListAsync(caller, query)).Items.Select(r => r.Id)];

        Assert.Equal(2, (await Ids(world.Admin, new ReportQuery { Year = 2025 })).Length);
        Assert.Equal([office2025.Summary.Id], await Ids(world.Admin, new ReportQuery { Year = 2025, AgencySubtree = world.Beilun.Id }));
        Assert.Equal([langxia2025.Summary.Id], await Ids(world.Admin, new ReportQuery { State = ReportState.Submitted }));
        Assert.Equal([office2025.Summary.Id], await Ids(world.Admin, new ReportQuery { HasErrors = true }));
        Assert.Equal(2, (await Ids(world.Admin, new ReportQuery { HasErrors = false })).Length);

        // Visibility: a clerk sees its own agency, a reviewer its subtree.
        Assert.Equal([langxia2025.Summary.Id], await Ids(world.LangxiaClerk, new ReportQuery()));
        Assert.Equal(2, (await Ids(world.BeilunReviewer, new ReportQuery())).Length);
        Assert.Empty(await Ids(world.LangxiaClerk, new ReportQuery { AgencySubtree = world.Beilun.Id }));
    }

    [Fact]
    public async Task ListAsync_PageTokenFromAnotherQuery_Rejected()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2024, Content.Sample());
        var page = await stores.Reports.ListAsync(world.Admin, new ReportQuery { PageSize = 1 });
        Assert.NotNull(page.NextPageToken);

        var ex = await Assert.ThrowsAsync<InvalidStoreArgumentException>(() =>
            stores.Reports.ListAsync(world.Admin, new ReportQuery { PageSize = 1, Year = 2025, PageToken = page.NextPageToken }));
        Assert.Equal("page_token", ex.Field);
        await Assert.ThrowsAsync<InvalidStoreArgumentException>(() =>
            stores.Reports.ListAsync(world.Admin, new ReportQuery { PageToken = "garbage!" }));
        await Assert.ThrowsAsync<InvalidStoreArgumentException>(() =>
            stores.Reports.ListAsync(world.Admin, new ReportQuery { PageSize = 501 }));
    }
}
