using GovReport.Domain.Reports;
using GovReport.Domain.Templates;

namespace GovReport.Import;

/// <summary>
/// An imported report and the notes about what the importer could not place or had to guess.
/// <see cref="Report"/>.Template is the template the tables actually follow (<see cref="Layout"/>), which can
/// differ from the one the year requires; the validation rule V09 reports that.
/// </summary>
public sealed record ImportResult(Report Report, IReadOnlyList<ImportNote> Notes, SourceFormat Format, TemplateId Layout);
