using GovReport.Domain.Templates;

namespace GovReport.Domain.Validation;

public enum Severity
{
    Error = 1,
    Warning = 2,
    Info = 3,
}

/// <summary>A cell a finding is about: what the report states and, for sums, what the parts add up to.</summary>
public sealed record FindingCell(CellId Id, string Address, string Label, decimal? Stated, decimal? Computed);

/// <summary>One problem found in a report.</summary>
public sealed class Finding
{
    internal Finding(int id, string ruleId, Severity severity, string message, string basis, IReadOnlyList<FindingCell> cells)
    {
        Id = id;
        RuleId = ruleId;
        Severity = severity;
        Message = message;
        Basis = basis;
        Cells = cells;
    }

    /// <summary>1-based, unique within one ValidationResult.</summary>
    public int Id { get; }

    /// <summary>Rule id of the catalogue, e.g. "V03".</summary>
    public string RuleId { get; }

    public Severity Severity { get; internal set; }

    /// <summary>Chinese message that states the numbers.</summary>
    public string Message { get; }

    /// <summary>Where the rule comes from (the template's 勾稽 note, a 条例 article).</summary>
    public string Basis { get; }

    public IReadOnlyList<FindingCell> Cells { get; }

    /// <summary>The cell most likely wrong, when the rule can tell.</summary>
    public string? CulpritAddress { get; internal set; }

    /// <summary>Id of the root finding this one is a consequence of; null for a root finding.</summary>
    public int? CausedBy { get; internal set; }

    public bool IsRoot => CausedBy is null;

    /// <summary>
    /// Identifies the same problem across validation runs of edited versions of a report (Id is only a position):
    /// the rule plus the cell it is about, or the message for rules without cells.
    /// </summary>
    public string StableKey => RuleId + ":" + (CulpritAddress ?? (Cells.Count > 0 ? Cells[0].Address : Message));

    public override string ToString() => $"{RuleId} {Severity}: {Message}";
}

/// <summary>The outcome of validating one report.</summary>
public sealed class ValidationResult
{
    internal ValidationResult(IReadOnlyList<Finding> findings)
    {
        Findings = findings;
        foreach (var finding in findings)
        {
            switch (finding.Severity)
            {
                case Severity.Error:
                    ErrorCount++;
                    if (finding.IsRoot)
                    {
                        RootErrorCount++;
                    }

                    break;
                case Severity.Warning:
                    WarningCount++;
                    break;
                default:
                    InfoCount++;
                    break;
            }
        }
    }

    public IReadOnlyList<Finding> Findings { get; }

    public int ErrorCount { get; }

    /// <summary>Errors that are not consequences of another finding.</summary>
    public int RootErrorCount { get; }

    public int WarningCount { get; }

    public int InfoCount { get; }

    public bool HasErrors => ErrorCount > 0;

    public Finding? Get(int id) => id >= 1 && id <= Findings.Count ? Findings[id - 1] : null;

    /// <summary>Findings linked to the given root finding.</summary>
    public IEnumerable<Finding> ConsequencesOf(int rootId) => Findings.Where(f => f.CausedBy == rootId);
}
