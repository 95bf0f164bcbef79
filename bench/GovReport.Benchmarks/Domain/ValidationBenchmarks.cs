using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using GovReport.Domain.Reports;
using GovReport.Domain.Templates;
using GovReport.Domain.Validation;

namespace GovReport.Benchmarks.Domain;

/// <summary>
/// Validating one report per call: a clean report of each template (every cell filled, a realistic part 一 with
/// narrative figures V13 checks) and a 2019 report with the seed-002 error (root V03 plus linked V01s) and blanks.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BuildTimeoutConfig))]
public class ValidationBenchmarks
{
    private const string Overview =
        "2019年，区政府办公室深入贯彻《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全年政府信息公开平台公开各类信息497条，"
        + "编制政府公报12期，行政规范性文件15件，其他政策61次；牵头对重大决策公开征求意见18次。共收到政府信息依申请公开15件，"
        + "因政府信息依申请公开引起的行政复议1件，结果维持；行政诉讼0件，无被纠错和败诉件。从答复结果看，予以公开的15件。"
        + "一是健全政务公开工作体系，制定政务公开工作考核细则，开展社会评议，落实责任追究制度。二是加强政府信息公开管理，完善办公室信息公开工作制度。";

    private readonly ReportValidator _validator = new();
    private Report _clean2019 = null!;
    private Report _clean2021 = null!;
    private Report _faulty2019 = null!;

    [GlobalSetup]
    public void Setup()
    {
        _clean2019 = Build(TemplateId.Template2019, 2019, faulty: false);
        _clean2021 = Build(TemplateId.Template2021, 2022, faulty: false);
        _faulty2019 = Build(TemplateId.Template2019, 2020, faulty: true);
    }

    [Benchmark(Baseline = true)]
    public ValidationResult Clean2019() => _validator.Validate(_clean2019);

    [Benchmark]
    public ValidationResult Clean2021() => _validator.Validate(_clean2021);

    [Benchmark]
    public ValidationResult Faulty2019() => _validator.Validate(_faulty2019);

    private static Report Build(TemplateId id, int year, bool faulty)
    {
        var template = TemplateRegistry.Get(id);
        var builder = new ReportBuilder(template, year)
        {
            AgencyName = "北仑区人民政府办公室",
            AgencyKind = AgencyKind.Department,
            PublicationDate = new DateOnly(year + 1, 1, 18),
        };
        builder.AddTemplateParts(part => part switch
        {
            PartCode.Overview => Overview,
            PartCode.OtherMatters => "本年度未收取信息处理费。",
            _ => "本部分说明见下表。",
        });
        foreach (var cell in template.Cells)
        {
            builder[cell.Id] = cell.Kind == CellKind.Amount ? CellValue.Number(12.5m, unit: "万元") : 0;
        }

        builder["active_disclosure.art20_1.normative_documents." + (id == TemplateId.Template2019 ? "newly_made" : "issued")] = 15;
        builder["applications.new_received.natural_person"] = 15;
        builder["applications.new_received.total"] = 15;
        builder["applications.granted.natural_person"] = 15;
        builder["applications.granted.total"] = 15;
        builder["applications.results_total.natural_person"] = faulty ? 16 : 15;
        builder["applications.results_total.total"] = 15;
        builder["reviews_litigation.review.upheld"] = 1;
        builder["reviews_litigation.review.total"] = 1;
        if (faulty)
        {
            builder["applications.rejected_repeat.total"] = CellValue.Blank();
            builder["applications.withheld_state_secret.legal_services"] = CellValue.Parse("—");
        }

        return builder.Build();
    }

    /// <summary>The generated project rebuilds the whole server graph; on a busy 2-core machine that exceeds the 2-minute default.</summary>
    private sealed class BuildTimeoutConfig : ManualConfig
    {
        public BuildTimeoutConfig() => WithBuildTimeout(TimeSpan.FromMinutes(15));
    }
}
