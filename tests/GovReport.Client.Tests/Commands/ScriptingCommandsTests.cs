using System.Text.Json;

namespace GovReport.Client.Tests.Commands;

/// <summary>The scripting subcommands run in process against a real server on loopback (temp data dir, admin token from its file).</summary>
public class ScriptingCommandsTests(CliServerFixture server) : IClassFixture<CliServerFixture>
{
    private const string Seed000 = "000_aef716c44369ab4f.txt";
    private const string Seed004 = "004_0a6fad6ec4f98190.txt";

    [Fact]
    public async Task AgencyAddAndList_NewSubtree_ListedAsIndentedTree()
    {
        var root = await RootAgencyAsync();

        var city = await server.AdminAsync("agency", "add", "宁波市", "--parent", root, "--kind", "government");
        Assert.True(city.ExitCode == 0, city.ToString());
        Assert.Matches(@"^已新建机关 agencies/\d+：宁波市（人民政府，上级 agencies/\d+）", city.Output);
        var cityName = city.Output.Split(' ')[1].Split('：')[0];
        var district = await AddAgencyAsync("北仑区", cityName, "government");
        var office = await AddAgencyAsync("北仑区人民政府办公室", district, "department");

        var list = await server.AdminAsync("agency", "list", "--under", cityName);

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"{cityName}\t宁波市（人民政府）", list.Output, StringComparison.Ordinal);
        Assert.Contains($"\n  {district}\t北仑区（人民政府）", list.Output, StringComparison.Ordinal);
        Assert.Contains($"\n    {office}\t北仑区人民政府办公室（政府部门）", list.Output, StringComparison.Ordinal);
        Assert.Contains("共 3 个机关", list.Output, StringComparison.Ordinal);

        var json = await server.AdminAsync("agency", "list", "--under", cityName, "--json");
        Assert.Equal(0, json.ExitCode);
        using var document = JsonDocument.Parse(Assert.Single(json.Lines));
        Assert.Equal(3, document.RootElement.GetProperty("agencies").GetArrayLength());
    }

    [Fact]
    public async Task Import_Seed000_StoredAsDraftAndFoundByListAndShow()
    {
        var agency = await AddAgencyAsync("北仑区人民政府办公室（导入）", await RootAgencyAsync(), "department");
        var name = agency + "/reports/2019";

        var import = await server.AdminAsync("import", CliRun.Seed(Seed000), "--agency", agency, "--json");

        Assert.True(import.ExitCode == 0, import.ToString());
        using (var report = JsonDocument.Parse(Assert.Single(import.Lines)))
        {
            Assert.Equal(name, report.RootElement.GetProperty("name").GetString());
            Assert.Equal("STATE_DRAFT", report.RootElement.GetProperty("state").GetString());
            Assert.Equal(2, report.RootElement.GetProperty("errorCount").GetInt32());
        }

        var again = await server.AdminAsync("import", CliRun.Seed(Seed000), "--agency", agency, "--year", "2019");
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains($"已更新报告 {name}（第 2 版，草稿）", again.Output, StringComparison.Ordinal);

        var list = await server.AdminAsync("list", "--year", "2019", "--under", agency, "--has-errors");
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains($"{name}\t北仑区人民政府办公室（导入）\t2019年\t草稿\t错误 2", list.Output, StringComparison.Ordinal);
        Assert.Contains("共 1 份报告", list.Output, StringComparison.Ordinal);

        var submitted = await server.AdminAsync("list", "--state", "submitted", "--under", agency);
        Assert.Contains("共 0 份报告", submitted.Output, StringComparison.Ordinal);

        var show = await server.AdminAsync("show", name, "--findings");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains($"报告：{name}", show.Output, StringComparison.Ordinal);
        Assert.Contains("  年度：2019年　格式：2019年版　发布日期：2020-01-18", show.Output, StringComparison.Ordinal);
        Assert.Contains("  状态：草稿　第 2 版　2 个错误", show.Output, StringComparison.Ordinal);
        Assert.Contains("  错误 [V01] 自然人列勾稽不平", show.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_OrderByYearDescending_NewestFirstAndUnknownOrderRefused()
    {
        var agency = await AddAgencyAsync("北仑区人民政府办公室（排序）", await RootAgencyAsync(), "department");
        foreach (var year in new[] { "2019", "2020", "2018" })
        {
            Assert.Equal(0, (await server.AdminAsync("import", CliRun.Seed(Seed000), "--agency", agency, "--year", year)).ExitCode);
        }

        var list = await server.AdminAsync("list", "--under", agency, "--order-by", "report_year desc");
        var unknown = await server.AdminAsync("list", "--under", agency, "--order-by", "name");

        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal(["2020年", "2019年", "2018年"], list.Lines.Where(l => l.Contains('\t')).Select(l => l.Split('\t')[2]));
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("不支持的排序方式", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Seed000WithOpenErrors_ExitsOneAndListsFindings()
    {
        var agency = await AddAgencyAsync("北仑区人民政府办公室（提交）", await RootAgencyAsync(), "department");
        Assert.Equal(0, (await server.AdminAsync("import", CliRun.Seed(Seed000), "--agency", agency)).ExitCode);

        var submit = await server.AdminAsync("submit", agency + "/reports/2019");

        Assert.True(submit.ExitCode == 1, submit.ToString());
        Assert.Contains("govreport submit: 操作被拒绝：", submit.Error, StringComparison.Ordinal);
        Assert.Contains("自然人列勾稽不平", submit.Error, StringComparison.Ordinal);
        Assert.Contains("商业企业列勾稽不平", submit.Error, StringComparison.Ordinal);
        var show = await server.AdminAsync("show", agency + "/reports/2019");
        Assert.Contains("  状态：草稿", show.Output, StringComparison.Ordinal);

        // With --json the google.rpc.Status goes to stderr as one JSON object; stdout stays empty.
        var json = await server.AdminAsync("submit", agency + "/reports/2019", "--json");
        Assert.Equal(1, json.ExitCode);
        Assert.Equal(string.Empty, json.Output);
        using var status = JsonDocument.Parse(json.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last(l => l.StartsWith('{')));
        Assert.Equal(9, status.RootElement.GetProperty("code").GetInt32());
        var violations = status.RootElement.GetProperty("details").EnumerateArray()
            .Where(d => d.GetProperty("@type").GetString()!.EndsWith("PreconditionFailure", StringComparison.Ordinal))
            .SelectMany(d => d.GetProperty("violations").EnumerateArray())
            .Where(v => v.GetProperty("type").GetString() == "FINDING_OPEN")
            .Select(v => v.GetProperty("subject").GetString())
            .ToList();
        Assert.Equal(["V01:applications.new_received.commercial", "V01:applications.new_received.natural_person"], violations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Workflow_ClerkSubmitsReviewerReturnsAndApproves_HistoryShowsEverySteps()
    {
        var parent = await AddAgencyAsync("余姚市", await RootAgencyAsync(), "government");
        var agency = await AddAgencyAsync("朗霞街道办事处", parent, "township");
        var clerk = await AddUserWithTokenAsync("clerk-" + Guid.NewGuid().ToString("N")[..8], "clerk", agency);
        var reviewer = await AddUserWithTokenAsync("reviewer-" + Guid.NewGuid().ToString("N")[..8], "reviewer", parent);
        var name = agency + "/reports/2019";

        var import = await server.RunAsync(clerk, "import", CliRun.Seed(Seed004), "--agency", agency);
        Assert.True(import.ExitCode == 0, import.ToString());
        var submit = await server.RunAsync(clerk, ["submit", name, .. await JustificationsAsync(clerk, name)]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
        Assert.Contains($"已提交 {name}：当前状态 已提交", submit.Output, StringComparison.Ordinal);

        var returned = await server.RunAsync(reviewer, "return", name, "--reason", "政府集中采购金额缺少单位", "--cell", "procurement.amount");
        Assert.True(returned.ExitCode == 0, returned.ToString());
        Assert.Contains("当前状态 已退回", returned.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await server.RunAsync(clerk, "import", CliRun.Seed(Seed004), "--agency", agency)).ExitCode);
        var resubmit = await server.RunAsync(clerk, ["submit", name, .. await JustificationsAsync(clerk, name)]);
        Assert.True(resubmit.ExitCode == 0, resubmit.ToString());
        var approve = await server.RunAsync(reviewer, "approve", name);
        Assert.True(approve.ExitCode == 0, approve.ToString());
        Assert.Contains("当前状态 已通过", approve.Output, StringComparison.Ordinal);

        var history = await server.AdminAsync("history", name);
        Assert.True(history.ExitCode == 0, history.ToString());
        Assert.Contains("【修订】共 2 版", history.Output, StringComparison.Ordinal);
        Assert.Contains("草稿 → 已提交", history.Output, StringComparison.Ordinal);
        Assert.Contains("已提交 → 已退回\t理由：政府集中采购金额缺少单位\t单元格：procurement.amount", history.Output, StringComparison.Ordinal);
        Assert.Contains("已提交 → 已通过", history.Output, StringComparison.Ordinal);

        var historyJson = await server.AdminAsync("history", name, "--json");
        Assert.Equal(2, historyJson.Lines.Length);
        using var events = JsonDocument.Parse(historyJson.Lines[1]);
        Assert.True(events.RootElement.GetProperty("events").GetArrayLength() >= 5);

        var reopen = await server.AdminAsync("reopen", name, "--reason", "更正发布日期");
        Assert.True(reopen.ExitCode == 0, reopen.ToString());
        Assert.Contains("当前状态 已重新打开", reopen.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Set_Seed002TotalsAndDateFixed_ErrorsClearedAndSubmitSucceeds()
    {
        var agency = await AddAgencyAsync("北碚区人民政府办公室", await RootAgencyAsync(), "department");
        var name = agency + "/reports/2020";
        Assert.Equal(0, (await server.AdminAsync("import", CliRun.Seed("002_dfb6703c5ed3c52a.txt"), "--agency", agency)).ExitCode);
        Assert.Equal(1, (await server.AdminAsync("submit", name)).ExitCode);

        var set = await server.AdminAsync("set", name, "applications.results_total.natural_person=17", "applications.results_total.commercial=1",
            "--publication-date", "2021-01-25");

        Assert.True(set.ExitCode == 0, set.ToString());
        Assert.StartsWith($"已修改 {name}（第 2 版，草稿）：0 个错误", set.Output, StringComparison.Ordinal);
        var comment = await server.AdminAsync("comment", name, "--text", "已按各行合计更正总计", "--cell", "applications.results_total.natural_person");
        Assert.True(comment.ExitCode == 0, comment.ToString());
        Assert.StartsWith($"已发表评论 {name}/", comment.Output, StringComparison.Ordinal);
        var submit = await server.AdminAsync(["submit", name, .. await JustificationsAsync(server.AdminToken, name)]);
        Assert.True(submit.ExitCode == 0, submit.ToString());
    }

    [Fact]
    public async Task Submit_StaleEtag_ExitsOneWithConflict()
    {
        var agency = await AddAgencyAsync("宁波市人民政府办公厅", await RootAgencyAsync(), "department");
        var first = await server.AdminAsync("import", CliRun.Seed("003_0b363b8c6b5339b4.txt"), "--agency", agency, "--json");
        Assert.True(first.ExitCode == 0, first.ToString());
        using var report = JsonDocument.Parse(Assert.Single(first.Lines));
        var staleEtag = report.RootElement.GetProperty("etag").GetString()!;
        Assert.Equal(0, (await server.AdminAsync("import", CliRun.Seed("003_0b363b8c6b5339b4.txt"), "--agency", agency)).ExitCode);

        var submit = await server.AdminAsync("submit", agency + "/reports/2019", "--etag", staleEtag);

        Assert.True(submit.ExitCode == 1, submit.ToString());
        Assert.Contains("govreport submit: 操作冲突：", submit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserAddAndTokenCreate_NewClerk_TokenWorksUntilRevoked()
    {
        var agency = await AddAgencyAsync("测试局", await RootAgencyAsync(), "department");
        var login = "clerk-" + Guid.NewGuid().ToString("N")[..8];

        var user = await server.AdminAsync("user", "add", login, "--role", "clerk", "--agency", agency, "--json");
        Assert.True(user.ExitCode == 0, user.ToString());
        using var userJson = JsonDocument.Parse(Assert.Single(user.Lines));
        Assert.Equal("ROLE_CLERK", userJson.RootElement.GetProperty("role").GetString());
        var userName = userJson.RootElement.GetProperty("name").GetString()!;

        var token = await server.AdminAsync("token", "create", "--user", userName, "--expires", "30d", "--name", "脚本");
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.Matches($@"^已签发令牌 {userName}/tokens/\d+（有效期至 ", token.Output);
        var secret = token.Lines[^1];
        Assert.StartsWith("grt_", secret, StringComparison.Ordinal);
        var tokenName = token.Output.Split(' ')[1].Split('（')[0];

        var asClerk = await server.RunAsync(secret, "list", "--year", "2019");
        Assert.True(asClerk.ExitCode == 0, asClerk.ToString());
        var whoami = await server.RunAsync(secret, "user", "whoami");
        Assert.True(whoami.ExitCode == 0, whoami.ToString());
        Assert.Equal($"{userName}\t{login}\t{login}\t填报员\t{agency}", Assert.Single(whoami.Lines));
        var users = await server.AdminAsync("user", "list");
        Assert.Contains($"{userName}\t{login}\t", users.Output, StringComparison.Ordinal);

        var clerkAddsUser = await server.RunAsync(secret, "user", "add", "intruder", "--role", "admin", "--agency", agency);
        Assert.True(clerkAddsUser.ExitCode == 3, clerkAddsUser.ToString());
        Assert.Contains("govreport user add: 无权操作：", clerkAddsUser.Error, StringComparison.Ordinal);

        var revoke = await server.AdminAsync("token", "revoke", tokenName);
        Assert.True(revoke.ExitCode == 0, revoke.ToString());
        Assert.Contains($"已吊销令牌 {tokenName}", revoke.Output, StringComparison.Ordinal);

        var revoked = await server.RunAsync(secret, "list");
        Assert.True(revoked.ExitCode == 3, revoked.ToString());
        Assert.Contains("身份验证失败", revoked.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditVerify_AfterWrites_ExitsZero()
    {
        await AddAgencyAsync("审计测试局", await RootAgencyAsync(), "department");

        var verify = await server.AdminAsync("audit", "verify");

        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.StartsWith("审计日志完整：共 ", verify.Output, StringComparison.Ordinal);
        var json = await server.AdminAsync("audit", "verify", "--json");
        using var document = JsonDocument.Parse(Assert.Single(json.Lines));
        Assert.True(document.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task Backup_Admin_WritesDatabaseCopy()
    {
        var backup = await server.AdminAsync("backup", "--json");

        Assert.True(backup.ExitCode == 0, backup.ToString());
        using var document = JsonDocument.Parse(Assert.Single(backup.Lines));
        var path = document.RootElement.GetProperty("path").GetString()!;
        Assert.True(File.Exists(path), path);
        Assert.True(new FileInfo(path).Length > 0);
    }

    [Fact]
    public async Task List_InvalidToken_ExitsThreeWithReason()
    {
        var run = await server.RunAsync("grt_not-a-real-token", "list");

        Assert.Equal(3, run.ExitCode);
        Assert.Equal(string.Empty, run.Output);
        Assert.Contains("govreport list: 身份验证失败：", run.Error, StringComparison.Ordinal);
        Assert.Contains("TOKEN_", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_MissingReport_ExitsOneWithNotFound()
    {
        var run = await server.AdminAsync("show", "agencies/999999/reports/2019");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("govreport show: 未找到：", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("submit not-a-report", "报告名称“not-a-report”无效")]
    [InlineData("agency add 某局 --kind bureau", "机关类型“bureau”无效")]
    [InlineData("import no-such-file.txt --agency agencies/1", "无法读取文件“no-such-file.txt”")]
    [InlineData("token create --user users/1 --expires soon", "有效期“soon”无效")]
    [InlineData("return agencies/1/reports/2019", "缺少必填选项 --reason：退回理由（必填）")]
    [InlineData("return agencies/1/reports/2019", "用法：govreport return --help")]
    [InlineData("agency add --kind township", "缺少参数 NAME：机关名称")]
    [InlineData("user add clerk9 --agency agencies/1", "缺少必填选项 --role")]
    [InlineData("set agencies/1/reports/2019 applications.results_total.total=十", "不是数字")]
    public async Task Run_UsageError_ExitsTwo(string commandLine, string message)
    {
        var run = await server.AdminAsync(commandLine.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ServerNotListening_ExitsTwo()
    {
        var run = await CliRun.RunAsync("list", "--server", "http://127.0.0.1:9", "--token", "grt_x");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("govreport list: ", run.Error, StringComparison.Ordinal);
    }

    private async Task<string> RootAgencyAsync()
    {
        var list = await server.AdminAsync("agency", "list", "--json");
        Assert.True(list.ExitCode == 0, list.ToString());
        using var document = JsonDocument.Parse(Assert.Single(list.Lines));
        return document.RootElement.GetProperty("agencies").EnumerateArray()
            .First(a => !a.TryGetProperty("parent", out var p) || string.IsNullOrEmpty(p.GetString()))
            .GetProperty("name").GetString()!;
    }

    private async Task<string> AddAgencyAsync(string displayName, string parent, string kind)
    {
        var run = await server.AdminAsync("agency", "add", displayName, "--parent", parent, "--kind", kind, "--json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var document = JsonDocument.Parse(Assert.Single(run.Lines));
        return document.RootElement.GetProperty("name").GetString()!;
    }

    private async Task<string> AddUserWithTokenAsync(string login, string role, string agency)
    {
        var user = await server.AdminAsync("user", "add", login, "--role", role, "--agency", agency, "--json");
        Assert.True(user.ExitCode == 0, user.ToString());
        using var userJson = JsonDocument.Parse(Assert.Single(user.Lines));
        var token = await server.AdminAsync("token", "create", "--user", userJson.RootElement.GetProperty("name").GetString()!, "--json");
        Assert.True(token.ExitCode == 0, token.ToString());
        using var tokenJson = JsonDocument.Parse(Assert.Single(token.Lines));
        return tokenJson.RootElement.GetProperty("secret").GetString()!;
    }

    /// <summary>"--justify KEY=TEXT" for every WARNING of the stored report, keys from `show --findings --json`.</summary>
    private async Task<string[]> JustificationsAsync(string token, string name)
    {
        var show = await server.RunAsync(token, "show", name, "--findings", "--json");
        Assert.True(show.ExitCode == 0, show.ToString());
        using var validation = JsonDocument.Parse(show.Lines[1]);
        return validation.RootElement.TryGetProperty("findings", out var findings)
            ? [.. findings.EnumerateArray()
                .Where(f => f.GetProperty("severity").GetString() == "SEVERITY_WARNING")
                .SelectMany(f => new[] { "--justify", f.GetProperty("stableKey").GetString() + "=已核实，情况属实" })]
            : [];
    }
}

/// <summary>The embedded default server: no --server, data in --data-dir, admin token from its file.</summary>
public class EmbeddedServerCommandsTests
{
    [Fact]
    public async Task AgencyList_EmbeddedServer_UsesDataDirAndAdminTokenFile()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "govreport-cli-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var add = await CliRun.RunAsync("agency", "add", "嵌入式测试局", "--parent", "agencies/1", "--kind", "department", "--data-dir", dataDirectory);
            Assert.True(add.ExitCode == 0, add.ToString());
            Assert.True(File.Exists(Path.Combine(dataDirectory, "admin-token")));

            // A second run starts a new embedded server on the same directory and sees the first run's agency.
            var list = await CliRun.RunAsync("agency", "list", "--data-dir", dataDirectory);

            Assert.True(list.ExitCode == 0, list.ToString());
            Assert.Contains("嵌入式测试局（政府部门）", list.Output, StringComparison.Ordinal);
            Assert.Equal(0, (await CliRun.RunAsync("audit", "verify", "--data-dir", dataDirectory)).ExitCode);

            // The embedded server's own logging never reaches stdout: a refused call leaves only the command's JSON.
            var missing = await CliRun.RunAsync("show", "agencies/1/reports/1999", "--json", "--data-dir", dataDirectory);
            Assert.Equal(1, missing.ExitCode);
            Assert.Equal(string.Empty, missing.Output);
        }
        finally
        {
            CliServerFixture.TryDelete(dataDirectory);
        }
    }
}
