using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Reports;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace GovReport.Data.Tests;

/// <summary>
/// A fresh database per test: a SQLite file in a temp directory, or, when GOVREPORT_TEST_POSTGRES holds a
/// connection string, a new PostgreSQL database on that server (dropped afterwards).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(DatabaseOptions options, string directory)
    {
        Options = options;
        Directory = directory;

        // As in the server: on SQLite every report write goes through one group-commit writer.
        Writer = options.Provider == DatabaseProvider.Sqlite ? new GroupCommitWriter(options, TimeProvider.System) : null;

        // As in the server: on SQLite the save path's read uses the read pool.
        Readers = options.Provider == DatabaseProvider.Sqlite ? new SqliteReadPool(options) : null;
    }

    public DatabaseOptions Options { get; }

    /// <summary>The group-commit writer (SQLite) the stores share; null on PostgreSQL.</summary>
    public GroupCommitWriter? Writer { get; }

    /// <summary>The read connections (SQLite) the stores share; null on PostgreSQL.</summary>
    public SqliteReadPool? Readers { get; }

    /// <summary>The report content cache the stores share, as in the server.</summary>
    public ReportContentCache Cache { get; } = new();

    public string Directory { get; }

    public bool IsSqlite => Options.Provider == DatabaseProvider.Sqlite;

    public static Task<TestDatabase> CreateAsync() => CreateAsync(Environment.GetEnvironmentVariable("GOVREPORT_TEST_POSTGRES"));

    /// <summary>A SQLite database whatever the environment says (for what exists on SQLite only).</summary>
    public static Task<TestDatabase> CreateSqliteAsync() => CreateAsync(postgres: null);

    private static async Task<TestDatabase> CreateAsync(string? postgres)
    {
        var directory = Path.Combine(Path.GetTempPath(), "govreport-data-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        DatabaseOptions options;
        if (string.IsNullOrWhiteSpace(postgres))
        {
            options = DatabaseOptions.ForSqliteFile(Path.Combine(directory, DatabaseOptions.FileName));
        }
        else
        {
            var builder = new NpgsqlConnectionStringBuilder(postgres) { Database = "govreport_test_" + Guid.NewGuid().ToString("N")[..12] };
            options = new DatabaseOptions(DatabaseProvider.Postgres, builder.ToString());
        }

        var database = new TestDatabase(options, directory);
        await using var db = database.NewContext();
        await DatabaseInitializer.InitializeAsync(db);
        return database;
    }

    public GovReportDbContext NewContext() => GovReportDatabase.CreateContext(Options);

    public Stores NewStores(TimeProvider? clock = null) => new(NewContext(), clock ?? TimeProvider.System, Options, Writer, Cache, Readers);

    /// <summary>Stores whose reads all go through EF (no read pool), to compare with <see cref="NewStores"/>.</summary>
    public Stores NewStoresWithoutReadPool() => new(NewContext(), TimeProvider.System, Options, Writer, Cache);

    /// <summary>Builds 宁波市 → 北仑区 → 北仑区人民政府办公室 and 宁波市 → 余姚市 → 朗霞街道办事处, with users.</summary>
    public async Task<World> SeedAsync()
    {
        await using var s = NewStores();
        var system = Data.Caller.System;
        var ningbo = await s.Agencies.CreateAsync(system, "宁波市人民政府", AgencyKind.Government, null);
        var beilun = await s.Agencies.CreateAsync(system, "北仑区人民政府", AgencyKind.Government, ningbo.Id);
        var office = await s.Agencies.CreateAsync(system, "北仑区人民政府办公室", AgencyKind.Department, beilun.Id);
        var yuyao = await s.Agencies.CreateAsync(system, "余姚市人民政府", AgencyKind.Government, ningbo.Id);
        var langxia = await s.Agencies.CreateAsync(system, "朗霞街道办事处", AgencyKind.TownshipOrStreet, yuyao.Id);
        var admin = await s.Users.CreateAsync(system, "admin", "管理员", Role.Admin, ningbo.Id);
        var officeClerk = await s.Users.CreateAsync(system, "office-clerk", "办公室填报员", Role.Clerk, office.Id);
        var officeClerk2 = await s.Users.CreateAsync(system, "office-clerk2", "办公室填报员二", Role.Clerk, office.Id);
        var langxiaClerk = await s.Users.CreateAsync(system, "langxia-clerk", "朗霞填报员", Role.Clerk, langxia.Id);
        var beilunReviewer = await s.Users.CreateAsync(system, "beilun-reviewer", "北仑审核员", Role.Reviewer, beilun.Id);
        var cityReviewer = await s.Users.CreateAsync(system, "city-reviewer", "市审核员", Role.Reviewer, ningbo.Id);
        return new World(ningbo, beilun, office, yuyao, langxia,
            AsCaller(admin), AsCaller(officeClerk), AsCaller(officeClerk2), AsCaller(langxiaClerk), AsCaller(beilunReviewer), AsCaller(cityReviewer));
    }

    public async ValueTask DisposeAsync()
    {
        if (Writer is not null)
        {
            await Writer.DisposeAsync();
        }

        Readers?.Dispose();

        if (IsSqlite)
        {
            SqliteConnection.ClearAllPools();
        }
        else
        {
            await using var db = NewContext();
            await db.Database.EnsureDeletedAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still mapped by another pool; the temp directory is cleaned by the OS eventually.
        }
    }

    private static Caller AsCaller(User user) => new(user.ToActor(), "127.0.0.1:40000");
}

public sealed record World(
    Agency Ningbo,
    Agency Beilun,
    Agency Office,
    Agency Yuyao,
    Agency Langxia,
    Caller Admin,
    Caller OfficeClerk,
    Caller OfficeClerk2,
    Caller LangxiaClerk,
    Caller BeilunReviewer,
    Caller CityReviewer);

/// <summary>One DbContext and the stores over it, like one request scope in the server.</summary>
public sealed class Stores : IAsyncDisposable
{
    public Stores(GovReportDbContext db, TimeProvider clock, DatabaseOptions options, GroupCommitWriter? writer = null,
        ReportContentCache? cache = null, SqliteReadPool? readers = null)
    {
        Db = db;
        Audit = new AuditLog(db, clock);
        Agencies = new AgencyStore(db, Audit, clock);
        Users = new UserStore(db, Audit, clock);
        Tokens = new TokenStore(db, Audit, clock);
        Reports = new ReportStore(db, Audit, clock, writer, cache, readers);
        Backup = new DatabaseBackup(options, Audit, clock);
    }

    public GovReportDbContext Db { get; }

    public AuditLog Audit { get; }

    public AgencyStore Agencies { get; }

    public UserStore Users { get; }

    public TokenStore Tokens { get; }

    public ReportStore Reports { get; }

    public DatabaseBackup Backup { get; }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}

/// <summary>A clock the test moves by hand (token expiry).</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}

internal static class Content
{
    public static ReportContent Sample(decimal newReceived = 12, string template = "TEMPLATE_2021") => new(
        template,
        new DateOnly(2026, 1, 25),
        new Dictionary<string, string> { ["overview"] = "本年度政府信息公开工作总体情况。", ["problems"] = "存在的主要问题。" },
        [
            new StoredCell("applications.new_received.natural_person", true, newReceived),
            new StoredCell("applications.new_received.total", true, newReceived + 3),
            new StoredCell("applications.carried_over.natural_person", false, null, "—"),
            new StoredCell("active_disclosure.art20_8.fees.amount_10k_yuan", true, 123.4567m, "123.4567", "万元"),
        ]);
}
