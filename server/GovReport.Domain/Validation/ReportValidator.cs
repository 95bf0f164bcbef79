using GovReport.Domain.Reports;
using GovReport.Domain.Validation.Internal;

namespace GovReport.Domain.Validation;

/// <summary>
/// Validates one report against its template and the catalogue rules. Stateless and thread-safe: create one
/// and share it. Allocates only for the findings it reports.
/// </summary>
public sealed class ReportValidator(ValidationOptions? options = null)
{
    private readonly ValidationOptions _options = options ?? ValidationOptions.Default;

    public ValidationOptions Options => _options;

    /// <param name="report">The report to check.</param>
    /// <param name="previousYear">The same organ's report for the year before, enabling V06, V07 and V18.</param>
    /// <param name="otherAgencies">
    /// Other agencies' reports of the same year (their narratives), enabling V18 against them. Storage passes only
    /// the candidates whose <see cref="NarrativeFingerprint"/> is close, never every report.
    /// </param>
    public ValidationResult Validate(Report report, Report? previousYear = null, IReadOnlyList<PeerNarrative>? otherAgencies = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sink = new FindingSink();
        DocumentRules.CheckMetadata(report, sink, _options);
        if (DocumentRules.CheckTemplate(report, sink))
        {
            DocumentRules.CheckStructure(report, sink);
            TableRules.CheckValues(report, sink);
            ApplicationRules.Check(report, sink);
            TableRules.CheckReviews(report, sink);
            TableRules.CheckAmounts(report, sink, _options);
            DocumentRules.CheckContent(report, sink);
            NarrativeRules.Check(report, sink);
            if (previousYear is not null)
            {
                CrossYearRules.Check(report, previousYear, sink, _options);
            }

            if (otherAgencies is not null)
            {
                CrossAgencyRules.Check(report, otherAgencies, sink, _options);
            }
        }

        return new ValidationResult(sink.ToList());
    }
}
