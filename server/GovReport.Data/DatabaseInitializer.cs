using GovReport.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

/// <summary>
/// Creates or upgrades the schema at start-up. The EF Core design-time package (dotnet-ef migrations) is
/// not available from this environment's package mirror, so the schema is created with
/// <c>EnsureCreated</c> and versioned in <c>schema_info</c>; each later schema change adds a hand-written
/// step to <see cref="Upgrades"/> (SQL that runs once, in order, inside a transaction).
/// </summary>
public static class DatabaseInitializer
{
    public const int CurrentVersion = 4;

    // Upgrade steps: Upgrades[n] takes a database at version n+1 to n+2 (2: list order column and index; 3: V18 fingerprints;
    // 4: the list's state, error and agency-name orders).
    private static readonly IReadOnlyList<Func<GovReportDbContext, CancellationToken, Task>> Upgrades =
        [AddUpdatedTicksAsync, NarrativeFingerprints.UpgradeAsync, AddListOrderIndexesAsync];

    public static async Task InitializeAsync(GovReportDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.IsSqlite)
        {
            var file = new DatabaseOptions(DatabaseProvider.Sqlite, db.Database.GetConnectionString()!).SqliteFilePath;
            if (file is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            }

            // WAL is persistent in the file: readers (and backups) never block the writer.
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        await db.Database.EnsureCreatedAsync(cancellationToken);

        var info = await db.SchemaInfo.SingleOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (info is null)
        {
            db.SchemaInfo.Add(new SchemaInfoRow { Id = 1, Version = CurrentVersion });
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        if (info.Version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"数据库结构版本为 {info.Version}，高于本程序支持的版本 {CurrentVersion}，请升级 GovReport");
        }

        while (info.Version < CurrentVersion)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await Upgrades[info.Version - 1](db, cancellationToken);
            info.Version++;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Version 2: reports.updated_ticks (UpdatedAt as UTC ticks, sortable on SQLite) filled from updated_at, and the
    /// list index over (year, state, updated_ticks, id, agency_path).
    /// </summary>
    private static async Task AddUpdatedTicksAsync(GovReportDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlRawAsync("ALTER TABLE reports ADD COLUMN updated_ticks BIGINT NOT NULL DEFAULT 0", cancellationToken);
        var times = await db.Reports.AsNoTracking().Select(r => new { r.Id, r.UpdatedAt }).ToListAsync(cancellationToken);
        foreach (var time in times)
        {
            var ticks = time.UpdatedAt.UtcTicks;
            await db.Reports.Where(r => r.Id == time.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.UpdatedTicks, ticks), cancellationToken);
        }

        const string Index = "CREATE INDEX " + EntityConfigurations.ReportRowConfiguration.ReportListIndex
            + " ON reports (year, state, updated_ticks, id, agency_path)";
        await db.Database.ExecuteSqlRawAsync(Index, cancellationToken);
    }

    /// <summary>
    /// Version 4: reports.agency_name (a copy of the agency's name, filled here) and reports.state_rank (computed from
    /// state by the database), and one index per list order. SQLite cannot add a STORED generated column to an existing
    /// table, so an upgraded SQLite file gets a VIRTUAL one (computed on read; its index is stored either way); a new
    /// file and PostgreSQL store it.
    /// </summary>
    private static async Task AddListOrderIndexesAsync(GovReportDbContext db, CancellationToken cancellationToken)
    {
        const string Name = "ALTER TABLE reports ADD COLUMN agency_name VARCHAR(200) NOT NULL DEFAULT ''";
        const string FillName = "UPDATE reports SET agency_name = (SELECT a.name FROM agencies a WHERE a.id = reports.agency_id)";
        var rank = "ALTER TABLE reports ADD COLUMN state_rank INTEGER GENERATED ALWAYS AS ("
            + EntityConfigurations.ReportRowConfiguration.StateRankSql + (db.IsSqlite ? ") VIRTUAL" : ") STORED");
        string[] statements =
        [
            Name, FillName, rank,
            Index(EntityConfigurations.ReportRowConfiguration.UpdatedOrderIndex, "updated_ticks, id, agency_path, year, state_rank"),
            Index(EntityConfigurations.ReportRowConfiguration.AgencyOrderIndex, "agency_name, agency_id, year DESC, agency_path, state_rank"),
            Index(EntityConfigurations.ReportRowConfiguration.StateOrderIndex, "state_rank, updated_ticks DESC, id DESC, agency_path, year"),
            Index(EntityConfigurations.ReportRowConfiguration.ErrorOrderIndex, "error_count, warning_count, id, agency_path, year, state_rank"),
        ];
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        static string Index(string name, string columns) => "CREATE INDEX " + name + " ON reports (" + columns + ")";
    }
}
