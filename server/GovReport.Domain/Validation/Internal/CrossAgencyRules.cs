using GovReport.Domain.Reports;

namespace GovReport.Domain.Validation.Internal;

/// <summary>V18 against other agencies' reports of the same year (the candidates storage found by fingerprint).</summary>
internal static class CrossAgencyRules
{
    public static void Check(Report report, IReadOnlyList<PeerNarrative> peers, FindingSink sink, ValidationOptions options)
    {
        if (peers.Count == 0)
        {
            return;
        }

        var own = NarrativeFingerprint.Bigrams(NarrativeFingerprint.Narratives(report));
        if (own.Count < options.SimilarityMinimumBigrams)
        {
            // A near-empty narrative ("无。") is "identical" to every other near-empty one; that is no finding.
            return;
        }

        var similar = new List<(string AgencyName, double Similarity)>();
        foreach (var peer in peers)
        {
            var theirs = NarrativeFingerprint.Bigrams(peer.Narratives);
            var similarity = NarrativeFingerprint.Jaccard(own, theirs);
            if (theirs.Count >= options.SimilarityMinimumBigrams && similarity >= options.SimilarityThreshold)
            {
                similar.Add((peer.AgencyName, similarity));
            }
        }

        foreach (var (agencyName, similarity) in similar
            .OrderByDescending(p => p.Similarity)
            .ThenBy(p => p.AgencyName, StringComparer.Ordinal)
            .Take(options.SimilarAgenciesReported))
        {
            var message = $"正文与{agencyName}{report.Year}年度报告高度相似（相似度{Fmt.Percent(similarity)}），请核实是否照搬其他机关的内容";
            sink.Add("V18", Severity.Info, message, RuleCatalogue.SimilarityBasis, []);
        }
    }
}
