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
/// while those match. A save's report becomes the next save's merge base and last year's report is converted
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
    public ReportModel Get(ReportSnapshot snapshot, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(agency);
        var id = snapshot.Summary.Id;
        if (entries.TryGet(id, snapshot.Summary.Etag, out var entry) && entry.Matches(agency))
        {
            return entry.Model;
        }

        var model = new ReportModel(ReportMapping.ToDomain(snapshot.Content, snapshot.Summary.Year, agency));
        entries.Put(id, snapshot.Summary.Etag, new Entry(agency.Name, agency.Kind, model));
        return model;
    }

    /// <summary>
    /// Caches <paramref name="report"/> as <paramref name="snapshot"/>'s: the caller guarantees that it is what
    /// <see cref="ReportMapping.ToDomain"/> makes of the snapshot's content (e.g. a save's report whose every part but
    /// cells and date came from the stored report), so the content need not be converted back.
    /// </summary>
    /// <param name="basis">The version <paramref name="report"/> was edited from: its message, when built, lends the new
    /// message every part and cell that did not change.</param>
    public void Put(ReportSnapshot snapshot, Agency agency, DomainReport report, ReportModel? basis = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(agency);
        entries.Put(snapshot.Summary.Id, snapshot.Summary.Etag, new Entry(agency.Name, agency.Kind, new ReportModel(report, basis)));
    }

    private sealed record Entry(string AgencyName, AgencyKind AgencyKind, ReportModel Model)
    {
        public bool Matches(Agency agency) => string.Equals(AgencyName, agency.Name, StringComparison.Ordinal) && AgencyKind == agency.Kind;
    }
}

/// <summary>
/// One version of a report as the domain sees it and as the content-only API message, made on first use: a save that
/// needs no message (a BASIC response, a merge of single cells) never builds the few hundred cell messages, and one
/// that does shares the unchanged ones with the previous version's message.
/// </summary>
public sealed class ReportModel
{
    private ApiReport? _message;

    // The previous version's report and message while this message is not built. Only a built message is kept, and
    // only until this one is built, so versions never chain.
    private Basis? _basis;

    public ReportModel(DomainReport report, ReportModel? basis = null)
    {
        Report = report;
        if (basis?._message is { } message)
        {
            _basis = new Basis(basis.Report, message);
        }
    }

    public DomainReport Report { get; }

    /// <summary>Shared; never mutate it.</summary>
    public ApiReport Message
    {
        get
        {
            if (_message is null)
            {
                // Two racing readers build equal messages; the first one stored is kept.
                var basis = _basis;
                Interlocked.CompareExchange(ref _message, ReportProtoMapper.ToApi(Report, basis?.Report, basis?.Message), null);
                _basis = null;
            }

            return _message!;
        }
    }

    private sealed record Basis(DomainReport Report, ApiReport Message);
}
