using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Domain.Validation;

namespace GovReport.Domain.Tests.Validation;

/// <summary>V18 against other agencies: the narrative fingerprint (MinHash of character bigrams) and the rule.</summary>
public sealed class NarrativeSimilarityTests
{
    private const string Overview =
        "2021年，本机关坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》，" +
        "围绕中心工作，不断完善政府信息公开工作机制，全年主动公开政府信息356条，其中通过门户网站公开298条，" +
        "通过政务新媒体公开58条。全年共收到政府信息公开申请15件，均在法定期限内予以答复。" +
        "严格落实信息发布保密审查制度，做到先审查、后公开，全年未发生泄密事件。";

    private const string Problems =
        "存在的主要问题：一是公开内容的深度和广度还需拓展，政策解读形式较为单一；二是工作人员业务水平有待提升。" +
        "改进措施：加强政策解读，运用图表、视频等多种形式；组织业务培训，提升信息公开工作人员的业务能力。";

    private const string Other = "本年度未收取信息处理费。本机关无其他需要报告的事项。";

    // Another agency's own words on the same topics: shares vocabulary, not sentences.
    private const string UnrelatedOverview =
        "今年以来，区市场监管局以企业群众需求为导向，聚焦食品安全、特种设备和药品监管，开展双随机抽查检查公示工作，" +
        "及时发布抽检结果和行政处罚决定书，推动监管执法信息全面上网。建立依申请公开登记台账，明确承办科室和答复时限，" +
        "对复杂申请组织会商研判，确保答复内容准确、依据充分、告知到位。";

    private const string UnrelatedProblems =
        "下一步，我局将围绕营商环境优化，重点做好涉企收费、行政许可办理进度等信息的集中发布，完善网站栏目设置，" +
        "畅通意见建议渠道，主动回应社会关切。";

    private readonly ReportValidator _validator = new();

    [Fact]
    public void Fingerprint_IdenticalNarrative_EstimatesOne()
    {
        var a = NarrativeFingerprint.Of([Overview, Problems, Other]);
        var b = NarrativeFingerprint.Of([Overview, Problems, Other]);

        Assert.Equal(1.0, a.EstimateSimilarity(b));
        Assert.Equal(a.BandKeys(), b.BandKeys());
    }

    [Fact]
    public void Fingerprint_LightlyEdited_EstimateCloseToExactJaccardAndAboveThreshold()
    {
        string[] original = [Overview, Problems, Other];
        string[] edited = [Edited(Overview), Problems, Other];

        var exact = NarrativeFingerprint.Jaccard(original, edited);
        var estimate = NarrativeFingerprint.Of(original).EstimateSimilarity(NarrativeFingerprint.Of(edited));

        Assert.InRange(exact, 0.9, 0.99);
        Assert.InRange(estimate, exact - 0.08, exact + 0.08);
        var options = ValidationOptions.Default;
        Assert.True(estimate >= options.SimilarityThreshold - options.SimilarityCandidateMargin, $"estimate {estimate:F3}, exact {exact:F3}");
        Assert.Contains(true, NarrativeFingerprint.Of(original).BandKeys().Zip(NarrativeFingerprint.Of(edited).BandKeys(), (x, y) => x == y));
    }

    [Fact]
    public void Fingerprint_DifferentNarrative_LowEstimateAndNoSharedBand()
    {
        string[] original = [Overview, Problems, Other];
        string[] unrelated = [UnrelatedOverview, UnrelatedProblems, Other];

        var exact = NarrativeFingerprint.Jaccard(original, unrelated);
        var estimate = NarrativeFingerprint.Of(original).EstimateSimilarity(NarrativeFingerprint.Of(unrelated));

        Assert.True(exact < 0.3, $"exact {exact:F3}");
        Assert.InRange(estimate, 0, 0.4);
        Assert.DoesNotContain(true, NarrativeFingerprint.Of(original).BandKeys().Zip(NarrativeFingerprint.Of(unrelated).BandKeys(), (x, y) => x == y));
    }

    [Fact]
    public void Fingerprint_Bytes_RoundTripAndStayStable()
    {
        var fingerprint = NarrativeFingerprint.Of([Overview, Problems, Other]);

        var bytes = fingerprint.ToBytes();
        var back = NarrativeFingerprint.FromBytes(bytes);

        Assert.Equal(NarrativeFingerprint.ByteLength, bytes.Length);
        Assert.Equal(fingerprint.BigramCount, back.BigramCount);
        Assert.Equal(1.0, fingerprint.EstimateSimilarity(back));
        Assert.Throws<ArgumentException>(() => NarrativeFingerprint.FromBytes(bytes.AsSpan(1)));
    }

    [Fact]
    public void Fingerprint_FixedText_SameKeyAsStoredFingerprints()
    {
        // Fingerprints are stored: a change of seeds, hash or bigram choice would silently stop matching old rows.
        Assert.Equal(7488590002833370889L, NarrativeFingerprint.Of([Overview, Problems, Other]).BandKeys()[0]);
    }

    [Fact]
    public void Fingerprint_EmptyNarrative_ComparesAsZero()
    {
        var empty = NarrativeFingerprint.Of(["", "  "]);

        Assert.True(empty.IsEmpty);
        Assert.Equal(0, empty.EstimateSimilarity(empty));
        Assert.Equal(0, NarrativeFingerprint.Of([Overview]).EstimateSimilarity(empty));
    }

    [Theory]
    [InlineData("overview", true)]
    [InlineData("problems", true)]
    [InlineData("other_matters", true)]
    [InlineData("extra.7", true)]
    [InlineData("active_disclosure", false)]
    [InlineData("applications", false)]
    [InlineData("reviews_litigation", false)]
    public void IsNarrative_StoredPartCode_TablesPartsExcluded(string code, bool narrative)
    {
        Assert.Equal(narrative, NarrativeFingerprint.IsNarrative(code));
    }

    [Fact]
    public void V18_OtherAgencyLightlyEdited_InfoNamingAgencyAndSimilarity()
    {
        var report = Build(Overview);
        var peers = new[]
        {
            Peer("甲县交通运输局", Edited(Overview)),
            Peer("乙县市场监督管理局", UnrelatedOverview, UnrelatedProblems),
        };

        var result = _validator.Validate(report, otherAgencies: peers);

        var finding = Assert.Single(result.Findings, f => f.RuleId == "V18");
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Matches(@"^正文与甲县交通运输局2021年度报告高度相似（相似度(9\d|100)%），请核实是否照搬其他机关的内容$", finding.Message);
        Assert.Equal(RuleCatalogue.SimilarityBasis, finding.Basis);
    }

    [Fact]
    public void V18_OnlyUnrelatedOrShortPeers_NoFinding()
    {
        var report = Build(Overview);
        var peers = new[]
        {
            Peer("乙县市场监督管理局", UnrelatedOverview, UnrelatedProblems),
            new PeerNarrative("丙县教育局", ["正文。"]),
        };

        Assert.DoesNotContain(_validator.Validate(report, otherAgencies: peers).Findings, f => f.RuleId == "V18");
    }

    [Fact]
    public void V18_ShortOwnNarrative_NotComparedEvenWhenIdentical()
    {
        var report = ReportFactory.Builder(TemplateId.Template2021, 2021).Build();
        var peers = new[] { new PeerNarrative("甲县交通运输局", [.. NarrativeFingerprint.Narratives(report)]) };

        Assert.DoesNotContain(_validator.Validate(report, otherAgencies: peers).Findings, f => f.RuleId == "V18");
    }

    [Fact]
    public void V18_ManyIdenticalPeers_NamesTheConfiguredNumberInOrder()
    {
        var report = Build(Overview);
        var peers = new[] { "丁局", "甲局", "丙局", "乙局", "戊局" }.Select(name => Peer(name, Overview)).ToList();

        var findings = _validator.Validate(report, otherAgencies: peers).Findings.Where(f => f.RuleId == "V18").ToList();
        var named = findings.Where(f => f.Message.StartsWith("正文与", StringComparison.Ordinal)).ToList();

        Assert.Equal(ValidationOptions.Default.SimilarAgenciesReported, named.Count);
        Assert.Equal(["丁局", "丙局", "乙局"], named.Select(f => f.Message[3..5]));
        var rest = Assert.Single(findings.Except(named));
        Assert.Equal("另有2个其他机关的2021年度报告与本报告正文高度相似（未列出名称），请核实是否照搬其他机关的内容", rest.Message);
        Assert.Equal(findings.Count, findings.Select(f => f.StableKey).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void V18_PeersTheReaderMayNotRead_CountedButNeverNamed()
    {
        var report = Build(Overview);
        var peers = new[]
        {
            Peer("甲局", Edited(Overview)),
            Peer("乙局", Overview) with { NameReadable = false },
            Peer("丙局", Overview) with { NameReadable = false },
        };

        var findings = _validator.Validate(report, otherAgencies: peers).Findings.Where(f => f.RuleId == "V18").ToList();

        Assert.Equal(2, findings.Count);
        Assert.Matches(@"^正文与甲局2021年度报告高度相似（相似度(9\d|100)%）", findings[0].Message);
        Assert.Equal("另有2个其他机关的2021年度报告与本报告正文高度相似（未列出名称），请核实是否照搬其他机关的内容", findings[1].Message);
        Assert.DoesNotContain(findings, f => f.Message.Contains("乙局", StringComparison.Ordinal) || f.Message.Contains("丙局", StringComparison.Ordinal));
    }

    [Fact]
    public void V18_OnlyUnreadablePeers_OneFindingWithTheCount()
    {
        var report = Build(Overview);
        var peers = new[] { Peer("乙局", Overview) with { NameReadable = false } };

        var finding = Assert.Single(_validator.Validate(report, otherAgencies: peers).Findings, f => f.RuleId == "V18");

        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal("正文与1个其他机关的2021年度报告高度相似（未列出名称），请核实是否照搬其他机关的内容", finding.Message);
    }

    /// <summary>A light edit, as when last year's or a neighbour's report is copied: other figures, one word changed.</summary>
    private static string Edited(string text) => text
        .Replace("356", "412", StringComparison.Ordinal)
        .Replace("15件", "21件", StringComparison.Ordinal)
        .Replace("不断完善", "持续完善", StringComparison.Ordinal);

    private static Report Build(string overview)
    {
        var builder = ReportFactory.Builder(TemplateId.Template2021, 2021);
        builder.Parts[0] = builder.Parts[0] with { Text = overview };
        var problems = builder.Parts.FindIndex(p => p.Code == PartCode.Problems);
        builder.Parts[problems] = builder.Parts[problems] with { Text = Problems };
        var other = builder.Parts.FindIndex(p => p.Code == PartCode.OtherMatters);
        builder.Parts[other] = builder.Parts[other] with { Text = Other };
        return builder.Build();
    }

    private static PeerNarrative Peer(string agency, string overview, string problems = Problems) =>
        new(agency, [overview, problems, Other]);
}
