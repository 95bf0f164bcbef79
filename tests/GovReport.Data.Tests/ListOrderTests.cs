using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using GovReport.Data.Entities;
using GovReport.Domain.Agencies;
using GovReport.Domain.Reports;
using GovReport.Domain.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace GovReport.Data.Tests;

public class ListOrderTests
{
    public static TheoryData<ReportOrder> Orders =>
    [
        ReportOrder.Created, ReportOrder.UpdatedDescending, ReportOrder.Agency, ReportOrder.Year, ReportOrder.YearDescending,
        ReportOrder.State, ReportOrder.ErrorsDescending,
    ];

    [Theory]
    [MemberData(nameof(Orders))]
    public async Task ListAsync_EveryOrderPagedWhileInserting_EachReportOnceInOrder(ReportOrder order)
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        await FillAsync(stores, world);
        var before = await ExpectedAsync(stores, order);

        var seen = new List<long>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await stores.Reports.ListAsync(world.CityReviewer, new ReportQuery { Order = order, PageSize = 7, PageToken = token });
            seen.AddRange(page.Items.Select(r => r.Id));
            Assert.Equal(before.Count, page.TotalSize - (pages >= 2 ? 1 : 0));
            token = page.NextPageToken;
            if (++pages == 2)
            {
                // A report added mid-listing sorts somewhere; no page shifts because of it.
                await stores.Reports.CreateAsync(world.Admin, world.Ningbo.Id, 2022, Content.Sample() with { ErrorCount = 1 });
            }
        }
        while (token is not null);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(before.ToHashSet(), seen.ToHashSet());
        var after = await ExpectedAsync(stores, order);
        Assert.Equal(after.Where(seen.Contains), seen);
    }

    [Fact]
    public async Task ListAsync_AgencyOrder_ByDisplayNameNotTreeOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        // Created in the opposite order of their names, under one parent, so id and path order disagree with names.
        var c = await stores.Agencies.CreateAsync(world.Admin, "C局", AgencyKind.Department, world.Beilun.Id);
        var b = await stores.Agencies.CreateAsync(world.Admin, "B局", AgencyKind.Department, world.Beilun.Id);
        var a = await stores.Agencies.CreateAsync(world.Admin, "A局", AgencyKind.Department, world.Beilun.Id);
        foreach (var agency in new[] { c, b, a })
        {
            await stores.Reports.CreateAsync(world.Admin, agency.Id, 2024, Content.Sample());
            await stores.Reports.CreateAsync(world.Admin, agency.Id, 2025, Content.Sample());
        }

        var page = await stores.Reports.ListAsync(world.Admin, new ReportQuery { Order = ReportOrder.Agency, AgencySubtree = world.Beilun.Id });

        Assert.Equal(
            [(a.Id, 2025), (a.Id, 2024), (b.Id, 2025), (b.Id, 2024), (c.Id, 2025), (c.Id, 2024)],
            page.Items.Select(r => (r.AgencyId, r.Year)));
    }

    [Fact]
    public async Task ListAsync_ListItems_CarryTheStoredWorkflow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        var created = await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample());
        await stores.Reports.SubmitAsync(world.OfficeClerk2, created.Summary.Id, null, [], []);

        var item = Assert.Single((await stores.Reports.ListAsync(world.Admin, new ReportQuery())).Items);

        Assert.NotNull(item.Workflow);
        Assert.Equal(ReportState.Submitted, item.Workflow.State);
        Assert.Equal(world.OfficeClerk2.Actor.UserId, item.Workflow.SubmittedBy);
        Assert.Contains(world.OfficeClerk.Actor.UserId, item.Workflow.Editors);
    }

    /// <summary>
    /// The ≤ 20 ms list target holds because no order sorts the matching reports: SQLite's plan for the first page and
    /// for a later page reads an index in order ("USE TEMP B-TREE FOR ORDER BY" would mean a sort of every match).
    /// </summary>
    [Theory]
    [InlineData(ReportOrder.Created, "", "")]
    [InlineData(ReportOrder.UpdatedDescending, "", "ix_reports_updated_ticks_id")]
    [InlineData(ReportOrder.UpdatedDescending, "reviewer", "ix_reports_updated_ticks_id")]
    [InlineData(ReportOrder.UpdatedDescending, "year+state", "ix_reports_year_state_updated")]
    [InlineData(ReportOrder.Agency, "", "ix_reports_agency_name")]
    [InlineData(ReportOrder.Agency, "reviewer", "ix_reports_agency_name")]
    [InlineData(ReportOrder.Agency, "reviewer+year", "ix_reports_agency_name")]
    [InlineData(ReportOrder.UpdatedDescending, "year", "ix_reports_updated_ticks_id")]
    [InlineData(ReportOrder.Created, "reviewer+year", "IX_reports_year_id")]
    [InlineData(ReportOrder.Year, "year", "IX_reports_year_id")]
    [InlineData(ReportOrder.Year, "", "IX_reports_year_id")]
    [InlineData(ReportOrder.YearDescending, "", "IX_reports_year_id")]
    [InlineData(ReportOrder.YearDescending, "reviewer", "IX_reports_year_id")]
    [InlineData(ReportOrder.State, "", "ix_reports_state_rank_updated")]
    [InlineData(ReportOrder.State, "year", "ix_reports_state_rank_updated")]
    [InlineData(ReportOrder.ErrorsDescending, "", "ix_reports_error_count_warning_count")]
    [InlineData(ReportOrder.ErrorsDescending, "reviewer", "ix_reports_error_count_warning_count")]
    [InlineData(ReportOrder.ErrorsDescending, "year+state", "ix_reports_error_count_warning_count")]
    [InlineData(ReportOrder.UpdatedDescending, "state", "ix_reports_updated_ticks_id")]
    [InlineData(ReportOrder.State, "reviewer+state", "ix_reports_state_rank_updated")]
    [InlineData(ReportOrder.Year, "state", "IX_reports_year_id")]
    [InlineData(ReportOrder.Created, "state", "")]
    [InlineData(ReportOrder.Agency, "reviewer+state", "ix_reports_agency_name")]
    public async Task ListAsync_EveryOrder_QueryPlanReadsAnIndexWithoutSorting(ReportOrder order, string filters, string index)
    {
        await using var database = await TestDatabase.CreateAsync();
        if (!database.IsSqlite)
        {
            return;
        }

        var world = await database.SeedAsync();
        await using var stores = database.NewStores();
        await FillAsync(stores, world);
        var caller = filters.Contains("reviewer", StringComparison.Ordinal) ? world.BeilunReviewer : world.Admin;
        var query = new ReportQuery
        {
            Order = order,
            PageSize = 5,
            Year = filters.Contains("year", StringComparison.Ordinal) ? 2024 : null,
            State = filters.Contains("state", StringComparison.Ordinal) ? ReportState.Draft : null,
        };

        var first = await PlansAsync(database, s => s.Reports.ListAsync(caller, query));
        var page = await stores.Reports.ListAsync(caller, query);
        Assert.NotNull(page.NextPageToken);
        var second = await PlansAsync(database, s => s.Reports.ListAsync(caller, query with { PageToken = page.NextPageToken }));

        foreach (var plan in new[] { first, second })
        {
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
            Assert.Contains(index, plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task InitializeAsync_Version3Database_AddsAgencyNameStateRankAndOrderIndexes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var world = await database.SeedAsync();
        long submitted;
        long draft;
        await using (var stores = database.NewStores())
        {
            draft = (await stores.Reports.CreateAsync(world.OfficeClerk, world.Office.Id, 2025, Content.Sample())).Summary.Id;
            submitted = (await stores.Reports.CreateAsync(world.LangxiaClerk, world.Langxia.Id, 2025, Content.Sample())).Summary.Id;
            await stores.Reports.SubmitAsync(world.LangxiaClerk, submitted, null, [], []);
        }

        // Back to what a version-3 database looks like: no agency_name or state_rank, none of the version-4 indexes.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_state_rank_updated");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_error_count_warning_count");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_agency_name");
            await db.Database.ExecuteSqlRawAsync("DROP INDEX ix_reports_updated_ticks_id");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE reports DROP COLUMN state_rank");
            await db.Database.ExecuteSqlRawAsync("ALTER TABLE reports DROP COLUMN agency_name");
            await db.Database.ExecuteSqlRawAsync("UPDATE schema_info SET version = 3");
        }

        await using (var db = database.NewContext())
        {
            await DatabaseInitializer.InitializeAsync(db);
        }

        await using var check = database.NewStores();
        Assert.Equal(DatabaseInitializer.CurrentVersion, (await check.Db.SchemaInfo.SingleAsync()).Version);
        var rows = await check.Db.Reports.AsNoTracking().ToDictionaryAsync(r => r.Id);
        Assert.Equal(1, rows[draft].StateRank);
        Assert.Equal(2, rows[submitted].StateRank);
        Assert.Equal(world.Office.Name, rows[draft].AgencyName);
        Assert.Equal(world.Langxia.Name, rows[submitted].AgencyName);

        // The computed column follows later transitions by itself, and the state order pages through it.
        await check.Reports.ReturnAsync(world.CityReviewer, submitted, null, "请修改", [], []);
        var listed = await check.Reports.ListAsync(world.Admin, new ReportQuery { Order = ReportOrder.State, PageSize = 1 });
        var rest = await check.Reports.ListAsync(world.Admin, new ReportQuery { Order = ReportOrder.State, PageSize = 1, PageToken = listed.NextPageToken });
        Assert.Equal([draft, submitted], listed.Items.Concat(rest.Items).Select(r => r.Id));
        Assert.Equal(3, (await check.Db.Reports.AsNoTracking().SingleAsync(r => r.Id == submitted)).StateRank);
        if (database.IsSqlite)
        {
            var plan = await PlansAsync(database, s => s.Reports.ListAsync(world.Admin, new ReportQuery { Order = ReportOrder.State }));
            Assert.Contains("ix_reports_state_rank_updated", plan, StringComparison.Ordinal);
        }
    }

    // 3 years × 12 agencies (names not in id order, two sharing a name), varied error/warning counts and states.
    private static async Task FillAsync(Stores stores, World world)
    {
        var agencies = new List<Agency>();
        for (var i = 0; i < 12; i++)
        {
            var parent = i % 2 == 0 ? world.Beilun.Id : world.Yuyao.Id;
            agencies.Add(await stores.Agencies.CreateAsync(world.Admin, $"局{(i * 5) % 11:D2}", AgencyKind.Department, parent));
        }

        var n = 0;
        foreach (var agency in agencies)
        {
            foreach (var year in new[] { 2023, 2024, 2025 })
            {
                n++;
                var content = Content.Sample() with { ErrorCount = n % 4 == 0 ? 0 : n % 3, WarningCount = n % 5 };
                var report = await stores.Reports.CreateAsync(world.Admin, agency.Id, year, content);
                if (n % 3 == 1)
                {
                    await stores.Reports.SubmitAsync(world.Admin, report.Summary.Id, null, [], []);
                    if (n % 2 == 0)
                    {
                        await stores.Reports.ApproveAsync(world.CityReviewer, report.Summary.Id, null);
                    }
                }
            }
        }
    }

    // The order as documented, computed here from every row; agency names ranked by the database's own collation.
    private static async Task<List<long>> ExpectedAsync(Stores stores, ReportOrder order)
    {
        var rows = await stores.Db.Reports.AsNoTracking().ToListAsync();
        var nameRank = (await stores.Db.Agencies.AsNoTracking().OrderBy(a => a.Name).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync())
            .Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        IEnumerable<ReportRow> sorted = order switch
        {
            ReportOrder.Created => rows.OrderBy(r => r.Id),
            ReportOrder.UpdatedDescending => rows.OrderByDescending(r => r.UpdatedTicks).ThenByDescending(r => r.Id),
            ReportOrder.Agency => rows.OrderBy(r => nameRank[r.AgencyId]).ThenByDescending(r => r.Year),
            ReportOrder.Year => rows.OrderBy(r => r.Year).ThenBy(r => r.Id),
            ReportOrder.YearDescending => rows.OrderByDescending(r => r.Year).ThenByDescending(r => r.Id),
            ReportOrder.State => rows.OrderBy(r => Array.IndexOf(["DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "REOPENED"], r.State))
                .ThenByDescending(r => r.UpdatedTicks).ThenByDescending(r => r.Id),
            _ => rows.OrderByDescending(r => r.ErrorCount).ThenByDescending(r => r.WarningCount).ThenByDescending(r => r.Id),
        };
        return [.. sorted.Select(r => r.Id)];
    }

    /// <summary>
    /// EXPLAIN QUERY PLAN of every ordered SELECT that <paramref name="action"/> sends to this test's database file, on
    /// stores made after the observer subscribed (EF Core rechecks for diagnostic listeners once a second per context).
    /// </summary>
    private static async Task<string> PlansAsync(TestDatabase database, Func<Stores, Task> action)
    {
        var commands = new ConcurrentQueue<(string Sql, SqliteParameter[] Parameters)>();
        var file = database.Options.SqliteFilePath!;
        using var observer = new CommandObserver(command =>
        {
            if (command.Connection?.DataSource == file && command.CommandText.Contains("ORDER BY", StringComparison.Ordinal))
            {
                commands.Enqueue((command.CommandText,
                    [.. command.Parameters.Cast<SqliteParameter>().Select(p => new SqliteParameter(p.ParameterName, p.Value))]));
            }
        });
        await using (var stores = database.NewStores())
        {
            await action(stores);
        }

        Assert.NotEmpty(commands);

        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        var plans = new List<string>();
        foreach (var (sql, parameters) in commands)
        {
            await using var explain = connection.CreateCommand();
            explain.CommandText = "EXPLAIN QUERY PLAN " + sql;
            explain.Parameters.AddRange(parameters);
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plans.Add(reader.GetString(3));
            }
        }

        return string.Join('\n', plans);
    }

    /// <summary>Sees every command EF Core executes (its DiagnosticListener events), whatever the context.</summary>
    private sealed class CommandObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly Action<DbCommand> _onCommand;
        private readonly List<IDisposable> _subscriptions = [];

        public CommandObserver(Action<DbCommand> onCommand)
        {
            _onCommand = onCommand;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            {
                _onCommand(data.Command);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
