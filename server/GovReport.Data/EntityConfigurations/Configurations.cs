using GovReport.Data.Entities;
using GovReport.Domain.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovReport.Data.EntityConfigurations;

internal sealed class AgencyRowConfiguration : IEntityTypeConfiguration<AgencyRow>
{
    public void Configure(EntityTypeBuilder<AgencyRow> builder)
    {
        builder.ToTable("agencies");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Name).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Path).HasMaxLength(400).IsRequired();
        builder.HasIndex(a => a.Path).IsUnique();
        builder.HasIndex(a => a.ParentId);

        builder.HasOne<AgencyRow>().WithMany().HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UserRowConfiguration : IEntityTypeConfiguration<UserRow>
{
    public void Configure(EntityTypeBuilder<UserRow> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Name).HasMaxLength(100).IsRequired();
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.HasIndex(u => u.Name).IsUnique();
        builder.HasOne<AgencyRow>().WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenRowConfiguration : IEntityTypeConfiguration<ApiTokenRow>
{
    public void Configure(EntityTypeBuilder<ApiTokenRow> builder)
    {
        builder.ToTable("api_tokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.Hash).HasMaxLength(32).IsRequired();
        builder.Property(t => t.DisplayPrefix).HasMaxLength(16).IsRequired();
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.HasOne<UserRow>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportRowConfiguration : IEntityTypeConfiguration<ReportRow>
{
    public const string ReportListIndex = "ix_reports_year_state_updated";
    public const string StateOrderIndex = "ix_reports_state_rank_updated";
    public const string ErrorOrderIndex = "ix_reports_error_count_warning_count";
    public const string UpdatedOrderIndex = "ix_reports_updated_ticks_id";
    public const string AgencyOrderIndex = "ix_reports_agency_name";

    /// <summary>The workflow order of <see cref="ReportRow.StateRank"/> (same SQL on SQLite and PostgreSQL); see <see cref="StateRank"/>.</summary>
    public const string StateRankSql =
        "CASE state WHEN 'DRAFT' THEN 1 WHEN 'SUBMITTED' THEN 2 WHEN 'RETURNED' THEN 3 WHEN 'APPROVED' THEN 4 WHEN 'REOPENED' THEN 5 ELSE 9 END";

    /// <summary><see cref="StateRankSql"/> in C#.</summary>
    public static int StateRank(ReportState state) => state switch
    {
        ReportState.Draft => 1,
        ReportState.Submitted => 2,
        ReportState.Returned => 3,
        ReportState.Approved => 4,
        ReportState.Reopened => 5,
        _ => 9,
    };

    public void Configure(EntityTypeBuilder<ReportRow> builder)
    {
        builder.ToTable("reports");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.AgencyPath).HasMaxLength(400).IsRequired();
        builder.Property(r => r.Template).HasMaxLength(40).IsRequired();
        builder.Property(r => r.State).HasMaxLength(20).IsRequired();
        builder.Property(r => r.Etag).HasMaxLength(40).IsRequired().IsConcurrencyToken();
        builder.Property(r => r.Editors).HasMaxLength(2000).IsRequired();
        builder.Property(r => r.ApproverAgencyPath).HasMaxLength(400);
        builder.HasIndex(r => new { r.AgencyId, r.Year }).IsUnique();
        builder.HasIndex(r => new { r.Year, r.AgencyPath });

        // Keyset paging walks (year, id) in order instead of sorting every report of the year.
        builder.HasIndex(r => new { r.Year, r.Id });
        builder.HasIndex(r => r.AgencyPath);
        builder.HasIndex(r => r.State);

        // "Most recently changed first" with year and state filters (the list's default order) reads this index
        // backwards and stops after one page: the id is in it so ties in updated_ticks need no sort, the path so
        // a subtree filter needs no table lookup.
        builder.HasIndex(r => new { r.Year, r.State, r.UpdatedTicks, r.Id, r.AgencyPath }).HasDatabaseName(ReportListIndex);

        // The list's other orders (schema version 4), each read in index order and stopped after one page; agency_path
        // year and state_rank last so that subtree, year and state filters are checked on the index entries, without
        // reading the rows.
        // (The year and creation orders use the (year, id) index above and the primary key.)
        builder.Property(r => r.AgencyName).HasMaxLength(200).IsRequired().HasDefaultValue("");
        builder.Property(r => r.StateRank).HasComputedColumnSql(StateRankSql, stored: true);
        builder.HasIndex(r => new { r.UpdatedTicks, r.Id, r.AgencyPath, r.Year, r.StateRank }).HasDatabaseName(UpdatedOrderIndex);
        builder.HasIndex(r => new { r.AgencyName, r.AgencyId, r.Year, r.AgencyPath, r.StateRank }).IsDescending(false, false, true, false, false)
            .HasDatabaseName(AgencyOrderIndex);
        builder.HasIndex(r => new { r.StateRank, r.UpdatedTicks, r.Id, r.AgencyPath, r.Year }).IsDescending(false, true, true, false, false)
            .HasDatabaseName(StateOrderIndex);
        builder.HasIndex(r => new { r.ErrorCount, r.WarningCount, r.Id, r.AgencyPath, r.Year, r.StateRank }).HasDatabaseName(ErrorOrderIndex);
        builder.HasOne<AgencyRow>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReportCellRowConfiguration : IEntityTypeConfiguration<ReportCellRow>
{
    public void Configure(EntityTypeBuilder<ReportCellRow> builder)
    {
        builder.ToTable("report_cells");
        builder.HasKey(c => new { c.ReportId, c.Address });
        builder.Property(c => c.Address).HasMaxLength(200);
        builder.Property(c => c.Value).HasPrecision(20, 4);
        builder.Property(c => c.OriginalText).HasMaxLength(200);
        builder.Property(c => c.Unit).HasMaxLength(20);
        builder.HasIndex(c => c.Address);
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportPartRowConfiguration : IEntityTypeConfiguration<ReportPartRow>
{
    public void Configure(EntityTypeBuilder<ReportPartRow> builder)
    {
        builder.ToTable("report_parts");
        builder.HasKey(p => new { p.ReportId, p.Code });
        builder.Property(p => p.Code).HasMaxLength(60);
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(p => p.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportRevisionRowConfiguration : IEntityTypeConfiguration<ReportRevisionRow>
{
    public void Configure(EntityTypeBuilder<ReportRevisionRow> builder)
    {
        builder.ToTable("report_revisions");
        builder.HasKey(r => new { r.ReportId, r.Number });
        builder.Property(r => r.Action).HasMaxLength(40).IsRequired();
        builder.Property(r => r.State).HasMaxLength(20).IsRequired();
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(r => r.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReportEventRowConfiguration : IEntityTypeConfiguration<ReportEventRow>
{
    public void Configure(EntityTypeBuilder<ReportEventRow> builder)
    {
        builder.ToTable("report_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Transition).HasMaxLength(20).IsRequired();
        builder.Property(e => e.FromState).HasMaxLength(20).IsRequired();
        builder.Property(e => e.ToState).HasMaxLength(20).IsRequired();
        builder.HasIndex(e => e.ReportId);
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(e => e.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentRowConfiguration : IEntityTypeConfiguration<CommentRow>
{
    public void Configure(EntityTypeBuilder<CommentRow> builder)
    {
        builder.ToTable("comments");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.CellAddress).HasMaxLength(200);
        builder.Property(c => c.FindingId).HasMaxLength(200);
        builder.Property(c => c.Text).IsRequired();
        builder.HasIndex(c => c.ReportId);
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(c => c.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CommentRow>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FindingJustificationRowConfiguration : IEntityTypeConfiguration<FindingJustificationRow>
{
    public void Configure(EntityTypeBuilder<FindingJustificationRow> builder)
    {
        builder.ToTable("finding_justifications");
        builder.HasKey(j => new { j.ReportId, j.FindingId });
        builder.Property(j => j.FindingId).HasMaxLength(200);
        builder.Property(j => j.Text).IsRequired();
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(j => j.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditRowConfiguration : IEntityTypeConfiguration<AuditRow>
{
    public void Configure(EntityTypeBuilder<AuditRow> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(a => a.Sequence);

        // Sequences are assigned by the chain, never by the database.
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.Property(a => a.Action).HasMaxLength(60).IsRequired();
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(64).IsRequired();
    }
}

internal sealed class SchemaInfoRowConfiguration : IEntityTypeConfiguration<SchemaInfoRow>
{
    public void Configure(EntityTypeBuilder<SchemaInfoRow> builder)
    {
        builder.ToTable("schema_info");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
    }
}

internal sealed class ApplicationsRollupRowConfiguration : IEntityTypeConfiguration<ApplicationsRollupRow>
{
    public void Configure(EntityTypeBuilder<ApplicationsRollupRow> builder)
    {
        builder.ToTable(Internal.ApplicationsRollup.Table);
        builder.HasKey(r => new { r.AgencyId, r.Year, r.State });
        builder.Property(r => r.State).HasMaxLength(20);
        builder.Property(r => r.ReportCount).HasDefaultValue(0);
        foreach (var (_, column) in Internal.ApplicationsRollup.Columns)
        {
            builder.Property<long>(column).HasColumnName(column).HasDefaultValue(0L);
        }

        builder.HasOne<AgencyRow>().WithMany().HasForeignKey(r => r.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
