using System.Globalization;
using GovReport.Data;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Workflow;
using Microsoft.Data.Sqlite;

namespace GovReport.Benchmarks.Data;

/// <summary>
/// A SQLite database with 宁波市 → 20 districts → 500 agencies each, one 2025 report per agency (10,000
/// reports), each with all 175 table 三 cells (1.75 M cell rows), mixed states and 10% with errors.
/// Built once with bulk inserts (then the maintained roll-up is rebuilt from the cells) and reused by
/// every benchmark process; the benchmarks only read.
/// </summary>
internal static class DataBenchmarkDatabase
{
    public const int Districts = 20;
    public const int AgenciesPerDistrict = 500;
    public const int Year = 2025;
    private const int Version = 4;

    public static string PathOnDisk { get; } =
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "govreport-bench", $"data-v{Version}", DatabaseOptions.FileName);

    public static DatabaseOptions Options => DatabaseOptions.ForSqliteFile(PathOnDisk);

    public static Caller Admin { get; } = new(new Actor(1, "bench-admin", Role.Admin, 1, AgencyPath.Root(1)), "bench");

    /// <summary>A reviewer at district <paramref name="index"/> (ids 2 … 21).</summary>
    public static Caller DistrictReviewer(int index) =>
        new(new Actor(2, "bench-reviewer", Role.Reviewer, 2 + index, AgencyPath.Root(1).Child(2 + index)), "bench");

    public static async Task EnsureAsync()
    {
        var ready = PathOnDisk + ".ready";
        if (File.Exists(ready))
        {
            return;
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(PathOnDisk)!);
        foreach (var stale in Directory.GetFiles(System.IO.Path.GetDirectoryName(PathOnDisk)!))
        {
            File.Delete(stale);
        }

        await using (var db = GovReportDatabase.CreateContext(Options))
        {
            await DatabaseInitializer.InitializeAsync(db);
        }

        BulkLoad();
        await using (var db = GovReportDatabase.CreateContext(Options))
        {
            var audit = new AuditLog(db, TimeProvider.System);
            await new ReportStore(db, audit, TimeProvider.System).RebuildApplicationsRollupAsync(Admin);
        }

        await File.WriteAllTextAsync(ready, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
    }

    private static void BulkLoad()
    {
        var rows = GovReport.Domain.Templates.TemplateRegistry.Template2021.Cells
            .Where(c => c.Address.StartsWith("applications.", StringComparison.Ordinal))
            .Select(c => c.Address)
            .ToList();
        var states = new[] { ReportState.Draft, ReportState.Draft, ReportState.Draft, ReportState.Draft, ReportState.Submitted, ReportState.Submitted,
            ReportState.Submitted, ReportState.Approved, ReportState.Approved, ReportState.Returned };
        var random = new Random(2025);
        var start = DateTimeOffset.UtcNow;
        var now = start.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
        var nowTicks = start.UtcTicks;

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = PathOnDisk, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var agency = Command(connection, transaction,
            "INSERT INTO agencies (id, name, kind, parent_id, path, created_at) VALUES ($id, $name, $kind, $parent, $path, $now)",
            "$id", "$name", "$kind", "$parent", "$path", "$now");
        using var report = Command(connection, transaction,
            "INSERT INTO reports (id, agency_id, agency_path, agency_name, year, template, state, etag, revision, error_count, warning_count, editors, " +
            "created_by, created_at, updated_at, updated_ticks) " +
            "VALUES ($id, $agency, $path, $name, $year, 'TEMPLATE_2021', $state, $etag, 1, $errors, 0, '1', 1, $now, $now, $ticks)",
            "$id", "$agency", "$path", "$name", "$year", "$state", "$etag", "$errors", "$now", "$ticks");
        using var cell = Command(connection, transaction,
            "INSERT INTO report_cells (report_id, address, present, value, value_scaled) VALUES ($report, $address, 1, $value, $scaled)",
            "$report", "$address", "$value", "$scaled");

        Exec(agency, 1L, "宁波市人民政府", 1, DBNull.Value, "/1/", now);
        long nextAgency = 2 + Districts;
        long reportId = 0;
        for (var d = 0; d < Districts; d++)
        {
            var districtId = 2L + d;
            var districtPath = $"/1/{districtId}/";
            Exec(agency, districtId, $"第{d + 1}区人民政府", 1, 1L, districtPath, now);
            for (var a = 0; a < AgenciesPerDistrict; a++)
            {
                var agencyId = nextAgency++;
                var path = $"{districtPath}{agencyId}/";
                var name = $"第{d + 1}区第{a + 1}局";
                Exec(agency, agencyId, name, 2, districtId, path, now);
                reportId++;
                // Distinct update times (one tick apart) so the newest-first order is as varied as in real use.
                Exec(report, reportId, agencyId, path, name, Year, states[random.Next(states.Length)].ToCode(),
                    reportId.ToString("x16", CultureInfo.InvariantCulture), random.Next(10) == 0 ? 2 : 0, now, nowTicks + reportId);
                foreach (var address in rows)
                {
                    var value = random.Next(4) == 0 ? random.Next(0, 200) : 0;
                    Exec(cell, reportId, address, value.ToString(CultureInfo.InvariantCulture), value * 10_000L);
                }
            }
        }

        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Exec(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
