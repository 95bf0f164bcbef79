using System.Text;
using GovReport.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

public sealed class GovReportDbContext(DbContextOptions<GovReportDbContext> options) : DbContext(options)
{
    public DbSet<AgencyRow> Agencies => Set<AgencyRow>();

    public DbSet<UserRow> Users => Set<UserRow>();

    public DbSet<ApiTokenRow> ApiTokens => Set<ApiTokenRow>();

    public DbSet<ReportRow> Reports => Set<ReportRow>();

    public DbSet<ReportCellRow> ReportCells => Set<ReportCellRow>();

    public DbSet<ReportPartRow> ReportParts => Set<ReportPartRow>();

    public DbSet<ReportRevisionRow> ReportRevisions => Set<ReportRevisionRow>();

    public DbSet<ReportEventRow> ReportEvents => Set<ReportEventRow>();

    public DbSet<CommentRow> Comments => Set<CommentRow>();

    public DbSet<FindingJustificationRow> FindingJustifications => Set<FindingJustificationRow>();

    public DbSet<AuditRow> AuditLog => Set<AuditRow>();

    public DbSet<SchemaInfoRow> SchemaInfo => Set<SchemaInfoRow>();

    public DbSet<ApplicationsRollupRow> ApplicationsRollup => Set<ApplicationsRollupRow>();

    public bool IsSqlite => Database.ProviderName == "Microsoft.EntityFrameworkCore.Sqlite";

    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(GovReportDbContext).Assembly);

        if (IsPostgres)
        {
            // Subtree filters are byte-wise ranges over "/1/4/" paths (see PathRange); only the C collation orders them so.
            modelBuilder.Entity<AgencyRow>().Property(a => a.Path).UseCollation("C");
            modelBuilder.Entity<ReportRow>().Property(r => r.AgencyPath).UseCollation("C");
        }

        // snake_case columns, so hand-written SQL (upgrades, roll-ups, tests) reads naturally on both providers.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties().Where(p => !p.IsShadowProperty()))
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    private static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }
}
