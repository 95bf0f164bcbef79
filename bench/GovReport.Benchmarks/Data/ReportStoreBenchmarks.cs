using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using GovReport.Data;
using GovReport.Domain.Workflow;

namespace GovReport.Benchmarks.Data;

/// <summary>
/// Listing and table 三 roll-ups over 10,000 reports on SQLite (see <see cref="DataBenchmarkDatabase"/>).
/// One call per iteration, 100 iterations, so P95 and Max are per-call latencies (Max bounds p99).
/// Each call uses a fresh DbContext, as a request scope in the server does.
/// </summary>
[Config(typeof(PerCallConfig))]
[MemoryDiagnoser]
public class ReportStoreBenchmarks
{
    private string? _deepPageToken;

    [GlobalSetup]
    public void Setup()
    {
        DataBenchmarkDatabase.EnsureAsync().GetAwaiter().GetResult();

        // A page token 5,000 reports in, to show keyset paging does not slow down with depth.
        using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var store = Store(db);
        string? token = null;
        for (var i = 0; i < 10; i++)
        {
            token = store.ListAsync(DataBenchmarkDatabase.Admin, new ReportQuery { Year = DataBenchmarkDatabase.Year, PageSize = 500, PageToken = token })
                .GetAwaiter().GetResult().NextPageToken;
        }

        _deepPageToken = token;
    }

    [Benchmark(Description = "List: reviewer, year + district subtree + state, 50/page")]
    public async Task<int> ListSubtreeStateAsync()
    {
        await using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var page = await Store(db).ListAsync(DataBenchmarkDatabase.DistrictReviewer(7), new ReportQuery
        {
            Year = DataBenchmarkDatabase.Year,
            AgencySubtree = 9,
            State = ReportState.Submitted,
            PageSize = 50,
        });
        return page.Items.Count;
    }

    [Benchmark(Description = "List: admin, has errors, 50/page")]
    public async Task<int> ListHasErrorsAsync()
    {
        await using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var page = await Store(db).ListAsync(DataBenchmarkDatabase.Admin, new ReportQuery { HasErrors = true, PageSize = 50 });
        return page.Items.Count;
    }

    [Benchmark(Description = "List: admin, year, page 11 of 50 (keyset)")]
    public async Task<int> ListDeepPageAsync()
    {
        await using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var page = await Store(db).ListAsync(DataBenchmarkDatabase.Admin,
            new ReportQuery { Year = DataBenchmarkDatabase.Year, PageSize = 50, PageToken = _deepPageToken });
        return page.Items.Count;
    }

    [Benchmark(Description = "Roll-up 三: whole city, 10,000 reports (maintained sums)")]
    public async Task<int> RollUpCityAsync()
    {
        await using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var rollUp = await Store(db).RollUpApplicationsAsync(DataBenchmarkDatabase.Admin, 1, DataBenchmarkDatabase.Year);
        return rollUp.ReportCount;
    }

    [Benchmark(Description = "Roll-up 三: whole city, approved only (maintained sums)")]
    public async Task<int> RollUpCityApprovedAsync()
    {
        await using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var rollUp = await Store(db).RollUpApplicationsAsync(DataBenchmarkDatabase.Admin, 1, DataBenchmarkDatabase.Year, ReportState.Approved);
        return rollUp.ReportCount;
    }

    [Benchmark(Description = "Roll-up 三: one district, 500 reports (exact scan of report_cells)")]
    public async Task<int> RollUpDistrictExactAsync()
    {
        await using var db = GovReportDatabase.CreateContext(DataBenchmarkDatabase.Options);
        var rollUp = await Store(db).RollUpApplicationsExactAsync(DataBenchmarkDatabase.Admin, 9, DataBenchmarkDatabase.Year);
        return rollUp.ReportCount;
    }

    private static ReportStore Store(GovReportDbContext db) => new(db, new AuditLog(db, TimeProvider.System), TimeProvider.System);

    private sealed class PerCallConfig : ManualConfig
    {
        public PerCallConfig()
        {
            AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(10)
                .WithIterationCount(100)
                .WithInvocationCount(1)
                .WithUnrollFactor(1)

                // Keep every call: the slow ones are what p99 is about.
                .WithOutlierMode(Perfolizer.Mathematics.OutlierDetection.OutlierMode.DontRemove)

                // In process: the generated-project toolchain would rebuild the whole solution per run on a shared machine.
                .WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        }
    }
}
