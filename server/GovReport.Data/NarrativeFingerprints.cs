using GovReport.Data.Entities;
using GovReport.Domain.Reports;
using GovReport.Domain.Validation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace GovReport.Data;

/// <summary>
/// V18 against other agencies without reading every report's text: every content save stores a 260-byte MinHash
/// fingerprint of the report's narrative (<see cref="NarrativeFingerprint"/>) with its eight locality-sensitive
/// band keys, each indexed. <see cref="FindSimilarAsync"/> picks, with one indexed query, the other agencies'
/// reports of the same year that share a band key (near-duplicates do with probability &gt; 0.999), keeps those
/// whose estimate is near the threshold and reads only their narratives for the validator's exact comparison.
/// No access check on the texts: they go to the validator only, and a finding never shows text; it names an
/// agency (with a similarity figure) only when the reader may read that agency, and otherwise only counts it.
/// </summary>
public sealed class NarrativeFingerprints(GovReportDbContext db)
{
    /// <summary>Most texts one check reads (the validator names at most three; a boilerplate may be shared by hundreds).</summary>
    public const int MaxCandidates = 20;

    public const string TableName = "narrative_fingerprints";

    private const string ExtraPrefix = "extra.";

    /// <summary>
    /// Writes the fingerprint of <paramref name="parts"/> (storage part codes → text) for a report, inside the
    /// caller's transaction: an existing row is updated in place, a new one is added to <paramref name="db"/> and
    /// written by the caller's next SaveChanges.
    /// </summary>
    public static async Task SaveAsync(GovReportDbContext db, long reportId, long agencyId, int year,
        IReadOnlyDictionary<string, string> parts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var row = ToRow(reportId, agencyId, year, Of(parts));
        var updated = await db.Set<NarrativeFingerprintRow>()
            .Where(f => f.ReportId == reportId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.BigramCount, row.BigramCount)
                .SetProperty(f => f.Signature, row.Signature)
                .SetProperty(f => f.Band0, row.Band0)
                .SetProperty(f => f.Band1, row.Band1)
                .SetProperty(f => f.Band2, row.Band2)
                .SetProperty(f => f.Band3, row.Band3)
                .SetProperty(f => f.Band4, row.Band4)
                .SetProperty(f => f.Band5, row.Band5)
                .SetProperty(f => f.Band6, row.Band6)
                .SetProperty(f => f.Band7, row.Band7), cancellationToken);
        if (updated == 0)
        {
            db.Set<NarrativeFingerprintRow>().Add(row);
        }
    }

    /// <summary><see cref="SaveAsync"/> through the group-commit writer's prepared upsert (SQLite, inside its batch).</summary>
    internal static void Save(Internal.SqliteWriteCommands commands, long reportId, long agencyId, int year,
        IReadOnlyDictionary<string, string> parts) =>
        commands.UpsertFingerprint(ToRow(reportId, agencyId, year, Of(parts)));

    /// <summary>The fingerprint of stored parts (storage part code → text).</summary>
    public static NarrativeFingerprint Of(IReadOnlyDictionary<string, string> parts) => NarrativeFingerprint.Of(Narratives(parts));

    /// <summary>The texts V18 compares, from stored parts: narrative parts only, extra parts without their heading line.</summary>
    public static IEnumerable<string> Narratives(IReadOnlyDictionary<string, string> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts
            .Where(p => NarrativeFingerprint.IsNarrative(p.Key))
            .Select(p => p.Key.StartsWith(ExtraPrefix, StringComparison.Ordinal) && p.Value.IndexOf('\n') is var newline and >= 0
                ? p.Value[(newline + 1)..]
                : p.Value);
    }

    /// <summary>
    /// What V18 compares <paramref name="report"/> with: other agencies' reports of <paramref name="year"/> that share
    /// a band key with it (one indexed query over the fingerprints), whose estimated similarity is at least the
    /// threshold minus <see cref="ValidationOptions.SimilarityCandidateMargin"/>, most similar first, at most
    /// <see cref="MaxCandidates"/>; only their narrative parts are then read.
    /// </summary>
    /// <param name="reader">Who will see the finding: agencies it may not read come back with <see cref="PeerNarrative.NameReadable"/>
    /// false (null: every name, for the server itself).</param>
    public async Task<IReadOnlyList<PeerNarrative>> FindSimilarAsync(long agencyId, int year, Report report, ValidationOptions options,
        Domain.Identity.Actor? reader = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var fingerprint = NarrativeFingerprint.Of(report);
        var minimumBigrams = Math.Max(1, options.SimilarityMinimumBigrams);
        if (fingerprint.BigramCount < minimumBigrams)
        {
            return [];
        }

        var keys = fingerprint.BandKeys();
        long k0 = keys[0], k1 = keys[1], k2 = keys[2], k3 = keys[3], k4 = keys[4], k5 = keys[5], k6 = keys[6], k7 = keys[7];
        var rows = await db.Set<NarrativeFingerprintRow>().AsNoTracking()
            .Where(f => f.Band0 == k0 || f.Band1 == k1 || f.Band2 == k2 || f.Band3 == k3
                || f.Band4 == k4 || f.Band5 == k5 || f.Band6 == k6 || f.Band7 == k7)
            .Where(f => f.Year == year && f.AgencyId != agencyId && f.BigramCount >= minimumBigrams)
            .Select(f => new { f.ReportId, f.AgencyId, f.Signature })
            .ToListAsync(cancellationToken);
        var floor = options.SimilarityThreshold - options.SimilarityCandidateMargin;
        var candidates = rows
            .Select(r => (r.ReportId, r.AgencyId, Estimate: fingerprint.EstimateSimilarity(NarrativeFingerprint.FromBytes(r.Signature))))
            .Where(c => c.Estimate >= floor)
            .OrderByDescending(c => c.Estimate)
            .ThenBy(c => c.ReportId)
            .Take(MaxCandidates)
            .ToList();
        if (candidates.Count == 0)
        {
            return [];
        }

        var ids = candidates.Select(c => c.ReportId).ToList();
        var agencyIds = candidates.Select(c => c.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => (a.Name, a.Path), cancellationToken);
        var parts = (await db.ReportParts.AsNoTracking().Where(p => ids.Contains(p.ReportId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.ReportId);
        bool Readable(string path) => reader is null
            || Domain.Identity.AccessPolicy.Evaluate(reader, Domain.Identity.AccessAction.Read, Domain.Agencies.AgencyPath.Parse(path)).Allowed;
        // An unreadable agency's name does not even leave storage.
        return [.. candidates.Select(c => (Candidate: c, Readable: Readable(agencies[c.AgencyId].Path))).Select(x => new PeerNarrative(
            x.Readable ? agencies[x.Candidate.AgencyId].Name : string.Empty,
            [.. Narratives(parts[x.Candidate.ReportId].ToDictionary(p => p.Code, p => p.Text, StringComparer.Ordinal))])
            { NameReadable = x.Readable })];
    }

    /// <summary>
    /// Schema upgrade for databases created before the table existed: creates it (the provider's own DDL, as
    /// EnsureCreated would) and fingerprints every stored report. For <c>DatabaseInitializer.Upgrades</c>.
    /// </summary>
    public static async Task UpgradeAsync(GovReportDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var statements = db.Database.GenerateCreateScript()
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            // Quoted on SQLite ("narrative_fingerprints"), bare on PostgreSQL (Npgsql quotes only names that need it).
            .Where(s => s.Contains(TableName, StringComparison.Ordinal));
        foreach (var statement in statements)
        {
            await db.Database.ExecuteSqlRawAsync(statement, cancellationToken);
        }

        var reports = await db.Reports.AsNoTracking().Select(r => new { r.Id, r.AgencyId, r.Year }).ToListAsync(cancellationToken);
        foreach (var report in reports)
        {
            var parts = await db.ReportParts.AsNoTracking().Where(p => p.ReportId == report.Id)
                .ToDictionaryAsync(p => p.Code, p => p.Text, StringComparer.Ordinal, cancellationToken);
            db.Set<NarrativeFingerprintRow>().Add(ToRow(report.Id, report.AgencyId, report.Year, Of(parts)));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static NarrativeFingerprintRow ToRow(long reportId, long agencyId, int year, NarrativeFingerprint fingerprint)
    {
        var keys = fingerprint.BandKeys();
        return new NarrativeFingerprintRow
        {
            ReportId = reportId,
            AgencyId = agencyId,
            Year = year,
            BigramCount = fingerprint.BigramCount,
            Signature = fingerprint.ToBytes(),
            Band0 = keys[0],
            Band1 = keys[1],
            Band2 = keys[2],
            Band3 = keys[3],
            Band4 = keys[4],
            Band5 = keys[5],
            Band6 = keys[6],
            Band7 = keys[7],
        };
    }
}

/// <summary>One report's narrative fingerprint (table narrative_fingerprints; see <see cref="NarrativeFingerprints"/>).</summary>
public sealed class NarrativeFingerprintRow
{
    public long ReportId { get; set; }

    /// <summary>Copies of the report's agency and year, so candidates need no join with reports.</summary>
    public long AgencyId { get; set; }

    public int Year { get; set; }

    public int BigramCount { get; set; }

    /// <summary><see cref="NarrativeFingerprint.ToBytes"/>.</summary>
    public byte[] Signature { get; set; } = [];

    public long Band0 { get; set; }

    public long Band1 { get; set; }

    public long Band2 { get; set; }

    public long Band3 { get; set; }

    public long Band4 { get; set; }

    public long Band5 { get; set; }

    public long Band6 { get; set; }

    public long Band7 { get; set; }
}

internal sealed class NarrativeFingerprintRowConfiguration : IEntityTypeConfiguration<NarrativeFingerprintRow>
{
    public void Configure(EntityTypeBuilder<NarrativeFingerprintRow> builder)
    {
        builder.ToTable(NarrativeFingerprints.TableName);
        builder.HasKey(f => f.ReportId);
        builder.Property(f => f.ReportId).ValueGeneratedNever();
        builder.Property(f => f.Signature).IsRequired();

        // Band keys are random 64-bit values: one single-column index each makes every OR branch a seek.
        builder.HasIndex(f => f.Band0);
        builder.HasIndex(f => f.Band1);
        builder.HasIndex(f => f.Band2);
        builder.HasIndex(f => f.Band3);
        builder.HasIndex(f => f.Band4);
        builder.HasIndex(f => f.Band5);
        builder.HasIndex(f => f.Band6);
        builder.HasIndex(f => f.Band7);
        builder.HasOne<ReportRow>().WithMany().HasForeignKey(f => f.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
