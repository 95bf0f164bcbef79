namespace GovReport.Domain.Validation;

/// <summary>Tunable thresholds of the engine. Defaults follow templates.md §3 and §5.</summary>
public sealed record ValidationOptions
{
    public static ValidationOptions Default { get; } = new();

    /// <summary>乡镇/街道 are not named in 第四十九条: local rules set their deadline (month/day of year Y+1).</summary>
    public int TownshipDeadlineMonth { get; init; } = 3;

    public int TownshipDeadlineDay { get; init; } = 31;

    public Severity TownshipDeadlineSeverity { get; init; } = Severity.Warning;

    /// <summary>V18: share of common character bigrams with the previous year's (or another agency's) narrative that is reported.</summary>
    public double SimilarityThreshold { get; init; } = 0.9;

    /// <summary>V18 against other agencies: narratives with fewer distinct bigrams are too short to call copied.</summary>
    public int SimilarityMinimumBigrams { get; init; } = 100;

    /// <summary>
    /// V18 against other agencies: storage loads a candidate's text only when its fingerprint estimate is at least
    /// <see cref="SimilarityThreshold"/> minus this (the estimate's standard error is ≈ 0.03).
    /// </summary>
    public double SimilarityCandidateMargin { get; init; } = 0.1;

    /// <summary>V18 against other agencies: at most this many (the most similar) are named.</summary>
    public int SimilarAgenciesReported { get; init; } = 3;

    /// <summary>V23: 政府集中采购 amount (in 万元) above which it is implausible, by agency kind.</summary>
    public decimal ProcurementLimitTownship { get; init; } = 10_000m;

    public decimal ProcurementLimitDepartment { get; init; } = 1_000_000m;

    public decimal ProcurementLimitGovernment { get; init; } = 10_000_000m;

    /// <summary>V23: 信息处理费/行政事业性收费 amount (in 万元) above which it is implausible, by agency kind.</summary>
    public decimal FeeLimitTownship { get; init; } = 10_000m;

    public decimal FeeLimitDepartment { get; init; } = 1_000_000m;

    public decimal FeeLimitGovernment { get; init; } = 10_000_000m;
}
