using System.Text.Json;
using GovReport.Client.Cli;
using GovReport.Client.Cli.Shared;

namespace GovReport.Client.Tests.Cli;

/// <summary>The real `govreport check` command run on the seed reports (in-process, output captured).</summary>
public class CheckCommandTests
{
    private static readonly Lazy<string> Seeds = new(() => SeedLocator.Locate());

    private static string Seed(string name) => Path.Combine(Seeds.Value, name);

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GovReportCli.RunAsync(args, output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Check_AllSeeds_ExitsOneAndPrintsAgencyYearTemplateFindings()
    {
        var files = new[] { "000_aef716c44369ab4f.txt", "001_4b3fe3c3b758daf8.txt", "002_dfb6703c5ed3c52a.txt", "003_0b363b8c6b5339b4.txt", "004_0a6fad6ec4f98190.txt" }
            .Select(Seed).ToArray();

        var (exitCode, output, error) = await RunAsync(["check", .. files]);

        Assert.Equal(1, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("== 000_aef716c44369ab4f.txt ==", output, StringComparison.Ordinal);
        Assert.Contains("机关：北仑区人民政府办公室（政府部门）", output, StringComparison.Ordinal);
        Assert.Contains("年度：2019年　格式：2019年版（国办公开办函〔2019〕60号）　发布日期：2020年1月18日", output, StringComparison.Ordinal);
        Assert.Contains("[V01] 自然人列勾稽不平", output, StringComparison.Ordinal);
        Assert.Contains("机关：（未写明）", output, StringComparison.Ordinal);
        Assert.Contains("机关：重庆市北碚区人民政府办公室（政府部门）", output, StringComparison.Ordinal);
        Assert.Contains("[V03] （七）总计 自然人 填报18", output, StringComparison.Ordinal);
        Assert.Contains("机关：余姚市人民政府朗霞街道办事处（乡镇街道）", output, StringComparison.Ordinal);
        Assert.Contains("【三、收到和处理政府信息公开申请情况】", output, StringComparison.Ordinal);
        Assert.Contains("  错误（2）", output, StringComparison.Ordinal);
        Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("== ", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("003_0b363b8c6b5339b4.txt", "结果：0 个错误，4 个警告，1 个提示")]
    [InlineData("004_0a6fad6ec4f98190.txt", "结果：0 个错误，5 个警告，1 个提示")]
    public async Task Check_SeedWithoutErrors_ExitsZero(string name, string summary)
    {
        var (exitCode, output, _) = await RunAsync("check", Seed(name));

        Assert.Equal(0, exitCode);
        Assert.Contains(summary, output, StringComparison.Ordinal);
        Assert.Contains("【报告结构与格式】", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_Json_OneObjectPerLine()
    {
        var (exitCode, output, _) = await RunAsync("check", Seed("000_aef716c44369ab4f.txt"), Seed("002_dfb6703c5ed3c52a.txt"), "--json");

        Assert.Equal(1, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal("北仑区人民政府办公室", first.RootElement.GetProperty("report").GetProperty("agencyDisplayName").GetString());
        Assert.Equal("TEMPLATE_2019", first.RootElement.GetProperty("report").GetProperty("template").GetString());
        Assert.Equal(2, first.RootElement.GetProperty("validation").GetProperty("errorCount").GetInt32());
        using var second = JsonDocument.Parse(lines[1]);
        Assert.Contains(second.RootElement.GetProperty("validation").GetProperty("findings").EnumerateArray(),
            f => f.GetProperty("ruleId").GetString() == "V03" && f.GetProperty("severity").GetString() == "SEVERITY_ERROR");
    }

    [Fact]
    public async Task Check_WithServerOption_UsesThatServer()
    {
        await using var server = await EmbeddedServerHost.StartAsync(dataDirectory: null, CancellationToken.None);

        var (exitCode, output, error) = await RunAsync("check", Seed("004_0a6fad6ec4f98190.txt"), "--server", server.Address, "--token", server.AdminToken!);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Contains("机关：余姚市人民政府朗霞街道办事处（乡镇街道）", output, StringComparison.Ordinal);
        Assert.Contains("[V23]", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithServerOptionWithoutToken_ExitsTwoWithTokenMissing()
    {
        await using var server = await EmbeddedServerHost.StartAsync(dataDirectory: null, CancellationToken.None);

        var (exitCode, output, error) = await RunAsync("check", Seed("004_0a6fad6ec4f98190.txt"), "--server", server.Address);

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("缺少访问令牌", error, StringComparison.Ordinal);
        Assert.Contains("TOKEN_MISSING", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithServerOptionAndUnknownToken_ExitsTwoWithTokenInvalid()
    {
        await using var server = await EmbeddedServerHost.StartAsync(dataDirectory: null, CancellationToken.None);

        var (exitCode, _, error) = await RunAsync("check", Seed("004_0a6fad6ec4f98190.txt"), "--server", server.Address, "--token", "grt_" + new string('A', 43));

        Assert.Equal(2, exitCode);
        Assert.Contains("访问令牌无效", error, StringComparison.Ordinal);
        Assert.Contains("TOKEN_INVALID", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ServerNotListening_ExitsTwoWithReason()
    {
        var (exitCode, _, error) = await RunAsync("check", Seed("000_aef716c44369ab4f.txt"), "--server", "http://127.0.0.1:9");

        Assert.Equal(2, exitCode);
        Assert.Contains("无法检查", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsTwoWithReason()
    {
        var (exitCode, output, error) = await RunAsync("check", Path.Combine(Seeds.Value, "no-such-report.txt"));

        Assert.Equal(2, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Contains("无法读取文件", error, StringComparison.Ordinal);
        Assert.Contains("文件不存在", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_NotAReport_ExitsTwoWithImportReason()
    {
        var path = Path.Combine(Path.GetTempPath(), "govreport-h4-cli-" + Guid.NewGuid().ToString("N") + ".bin");
        var bytes = new byte[8192];
        new Random(3).NextBytes(bytes);
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            var (exitCode, _, error) = await RunAsync("check", path);

            Assert.Equal(2, exitCode);
            Assert.Contains("无法检查", error, StringComparison.Ordinal);
            Assert.Contains("IMPORT_UNSUPPORTED_FORMAT", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("check")]
    [InlineData("frobnicate x.txt")]
    public async Task Run_UsageError_ExitsTwoWithUsage(string commandLine)
    {
        var (exitCode, _, error) = await RunAsync(commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, exitCode);
        Assert.Contains("用法：govreport", error, StringComparison.Ordinal);
        Assert.Contains("govreport check FILE...", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_InvalidServerUrl_ExitsTwo()
    {
        var (exitCode, _, error) = await RunAsync("check", Seed("000_aef716c44369ab4f.txt"), "--server", "not a url");

        Assert.Equal(2, exitCode);
        Assert.Contains("服务器地址", error, StringComparison.Ordinal);
    }
}
