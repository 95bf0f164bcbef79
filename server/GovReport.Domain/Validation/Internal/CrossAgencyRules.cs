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

        var similar = new List<PeerNarrative>();
        var similarity = new Dictionary<PeerNarrative, double>(ReferenceEqualityComparer.Instance);
        foreach (var peer in peers)
        {
            var theirs = NarrativeFingerprint.Bigrams(peer.Narratives);
            var score = NarrativeFingerprint.Jaccard(own, theirs);
            if (theirs.Count >= options.SimilarityMinimumBigrams && score >= options.SimilarityThreshold)
            {
                similar.Add(peer);
                similarity[peer] = score;
            }
        }

        // Named: the most similar agencies the reader may read, up to the configured number. The others (beyond that
        // number, or agencies the reader may not read) are only counted, so a clerk learns no agency outside its own.
        var named = similar.Where(p => p.NameReadable)
            .OrderByDescending(p => similarity[p])
            .ThenBy(p => p.AgencyName, StringComparer.Ordinal)
            .Take(options.SimilarAgenciesReported)
            .ToList();
        foreach (var peer in named)
        {
            var message = $"正文与{peer.AgencyName}{report.Year}年度报告高度相似（相似度{Fmt.Percent(similarity[peer])}），请核实是否照搬其他机关的内容";
            sink.Add("V18", Severity.Info, message, RuleCatalogue.SimilarityBasis, []);
        }

        var unnamed = similar.Count - named.Count;
        if (unnamed > 0)
        {
            var message = named.Count > 0
                ? $"另有{unnamed}个其他机关的{report.Year}年度报告与本报告正文高度相似（未列出名称），请核实是否照搬其他机关的内容"
                : $"正文与{unnamed}个其他机关的{report.Year}年度报告高度相似（未列出名称），请核实是否照搬其他机关的内容";
            sink.Add("V18", Severity.Info, message, RuleCatalogue.SimilarityBasis, []);
        }
    }
}
