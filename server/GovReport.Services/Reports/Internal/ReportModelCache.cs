using GovReport.Data;
using GovReport.Domain.Reports;
using GovReport.Services.Validation;
using Agency = GovReport.Domain.Agencies.Agency;
using ApiReport = GovReport.Api.V1.Report;
using DomainReport = GovReport.Domain.Reports.Report;

namespace GovReport.Services.Reports.Internal;

/// <summary>
/// The domain report and the content-only API message of recently used reports. Both are functions of the
/// stored content (whose etag changes with every save) and of the agency's name and kind, so an entry is exact
/// while those match. A save's response becomes the next save's merge base and last year's report is converted
/// once, not on every save. Cached messages are shared and never mutated: responses are built around them
/// (<see cref="ReportMapping.ToApiFull(ApiReport, ReportSnapshot, Agency, Domain.Identity.Actor)"/>).
/// Each report keeps its two latest versions (<see cref="VersionCache{TValue}"/>): a reader of the committed version
/// (e.g. as another report's last year) and the saver of the next one then do not evict each other.
/// </summary>
public sealed class ReportModelCache
{
    public const int Capacity = 256;

    private readonly VersionCache<Entry> entries = new(Capacity);

    /// <summary>The domain report and its content-only message for <paramref name="snapshot"/>.</summary>
    public (DomainReport Report, ApiReport Message) Get(ReportSnapshot snapshot, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(agency);
        var id = snapshot.Summary.Id;
        if (entries.TryGet(id, snapshot.Summary.Etag, out var entry) && entry.Matches(agency))
        {
            return (entry.Report, entry.Message);
        }

        var report = ReportMapping.ToDomain(snapshot.Content, snapshot.Summary.Year, agency);
        var message = ReportProtoMapper.ToApi(report);
        entries.Put(id, snapshot.Summary.Etag, new Entry(agency.Name, agency.Kind, report, message));
        return (report, message);
    }

    private sealed record Entry(string AgencyName, AgencyKind AgencyKind, DomainReport Report, ApiReport Message)
    {
        public bool Matches(Agency agency) => string.Equals(AgencyName, agency.Name, StringComparison.Ordinal) && AgencyKind == agency.Kind;
    }
}
