using GovReport.Api.V1;
using GovReport.Client.Tests.Commands;
using GovReport.Client.Tests.Tui;
using GovReport.Client.Tui;

namespace GovReport.Client.Tests.EndToEnd;

/// <summary>
/// The whole workflow in a real terminal (tmux, 100x30) against a real server: a clerk starts the built client, connects
/// to the server on the connect screen, imports seed 002, corrects the （七）总计 cells and the publication date, justifies
/// the warning (a Ctrl+C meanwhile asks about the unsaved edits and is cancelled), saves, submits and leaves with Ctrl+C;
/// a reviewer above the agency starts the client again, finds the report in the review queue and approves it. Every step
/// waits for its text on the captured screen; after each quit the terminal is back to the shell (alternate screen off,
/// exit status 0).
/// </summary>
public sealed class TmuxWorkflowTests(CliServerFixture server) : IClassFixture<CliServerFixture>, IDisposable
{
    private const string ExitMarker = "govreport-exit=";
    private readonly string _work = Directory.CreateTempSubdirectory("govreport-tmux-").FullName;

    public void Dispose() => CliServerFixture.TryDelete(_work);

    [Fact]
    public async Task ClerkImportsFixesSubmits_ReviewerApproves_InRealTerminal()
    {
        Assert.True(TmuxSession.Available(), "tmux is required for this test (tests/run.sh installs it)");
        ReviewTree tree;
        await using (var admin = await ClientSession.ConnectAsync(server.Address, server.AdminToken, CancellationToken.None))
        {
            tree = await ReviewTree.CreateAsync(admin, "宁波市人民政府");
        }

        using var tmux = new TmuxSession(100, 30, _work);

        // The clerk: connect, import, correct, justify, save, submit, quit.
        await StartClientAsync(tmux, tree.ClerkToken);
        tmux.Keys("i");
        await tmux.WaitForTextAsync("导入报告文件");
        tmux.Type(Tuis.Seed(Tuis.Seed002));
        tmux.Keys("Enter");
        var screen = await tmux.WaitForTextAsync("已导入 " + Tuis.Seed002, "（七）总计 自然人 填报18，各行合计17");

        SelectFinding(tmux, screen, "（七）总计 自然人 填报18");
        screen = await tmux.WaitForTextAsync("V03 （七）总计 自然人 填报18，各行合计17", "计算：（七）总计");
        Assert.Equal("18", TotalCell(screen, " （七）总计 ", 1));
        Assert.Equal("17", TotalCell(screen, " 计算：（七）总计", 1));

        tmux.Type("17");
        tmux.Keys("Enter");
        screen = await tmux.WaitForAsync("the 自然人 total finding to go", s => !s.Contains("（七）总计 自然人 填报", StringComparison.Ordinal)
            && TotalCell(s, " （七）总计 ", 1) == "17");
        Assert.Contains("（七）总计 商业企业 填报0，各行合计1", screen, StringComparison.Ordinal);

        // The cursor moved down a row on Enter: back up and right to 商业企业.
        tmux.Keys("Up", "Right");
        tmux.Type("1");
        tmux.Keys("Enter");
        await tmux.WaitForAsync("the 商业企业 total finding to go", s => !s.Contains("（七）总计 商业企业 填报", StringComparison.Ordinal)
            && TotalCell(s, " （七）总计 ", 2) == "1");

        tmux.Keys("F4");
        await tmux.WaitForTextAsync("发布日期（YYYY-MM-DD");
        tmux.Keys("C-u");
        tmux.Type("2021-01-25");
        tmux.Keys("Enter");
        screen = await tmux.WaitForTextAsync("发布日期：2021-01-25", "问题 错误0 警告1");

        tmux.Keys("F6");
        SelectFinding(tmux, screen, "警告 V17", jump: false);
        tmux.Keys("j");
        await tmux.WaitForTextAsync("填写说明");
        tmux.Type("重复申请一栏实为0件");
        tmux.Keys("Enter");
        await tmux.WaitForTextAsync("［已说明］", "已记录说明");

        // Ctrl+C with the corrections unsaved asks first; "继续编辑" keeps them.
        tmux.Keys("C-c");
        await tmux.WaitForTextAsync("有未保存的修改", "再按 Ctrl+C：不保存，直接退出。", "3. 继续编辑");
        tmux.Keys("3");
        await tmux.WaitForAsync("the unsaved-changes question to close", s => !s.Contains("再按 Ctrl+C", StringComparison.Ordinal));

        tmux.Keys("C-s");
        await tmux.WaitForTextAsync("已保存（第 1 版）");
        tmux.Keys("F9");
        await tmux.WaitForTextAsync("已提交审核");
        // Nothing unsaved now: Ctrl+C leaves at once.
        await QuitAsync(tmux, "C-c");

        await using (var clerk = await ClientSession.ConnectAsync(server.Address, tree.ClerkToken, CancellationToken.None))
        {
            var stored = Assert.Single((await clerk.ListReportsAsync(new ListReportsRequest { Parent = tree.Office.Name }, CancellationToken.None)).Reports);
            Assert.Equal(Report.Types.State.Submitted, stored.State);
            Assert.Equal(0, stored.ErrorCount);
        }

        // The reviewer: the queue lists it; open it, approve with confirmation, quit.
        await StartClientAsync(tmux, tree.ReviewerToken);
        tmux.Keys("a");
        screen = await tmux.WaitForTextAsync("审核队列（1 份待审）", ReviewTree.OfficeName, "通过/退回");
        Assert.Contains("2020", screen, StringComparison.Ordinal);
        tmux.Keys("Enter");
        await tmux.WaitForTextAsync("审核 │ " + ReviewTree.OfficeName, "已提交");
        tmux.Keys("a");
        await tmux.WaitForTextAsync($"审核通过 {ReviewTree.OfficeName} 2020 年度报告？");
        tmux.Keys("y");
        await tmux.WaitForTextAsync($"已审核通过：{ReviewTree.OfficeName} 2020 年度报告", "审核队列（0 份待审）", "审核队列为空");
        await QuitAsync(tmux);

        await using var reviewer = await ClientSession.ConnectAsync(server.Address, tree.ReviewerToken, CancellationToken.None);
        var approved = Assert.Single((await reviewer.ListReportsAsync(new ListReportsRequest { Parent = tree.Office.Name }, CancellationToken.None)).Reports);
        Assert.Equal(Report.Types.State.Approved, approved.State);
    }

    /// <summary>
    /// Runs the built client with no arguments (the full-screen client on its embedded server in ./data), then reconnects
    /// on the connect screen to the real server as the owner of <paramref name="token"/>.
    /// </summary>
    private async Task StartClientAsync(TmuxSession tmux, string token)
    {
        var dotnet = DotnetHost();
        var client = Path.Combine(Path.GetDirectoryName(typeof(TuiApp).Assembly.Location)!, "govreport.dll");
        tmux.Type("clear");
        tmux.Keys("Enter");
        tmux.Type($"'{dotnet}' '{client}'; echo {ExitMarker}$?");
        tmux.Keys("Enter");
        await tmux.WaitForTextAsync("主菜单", "已连接：本机内置服务");
        Assert.Equal("1", tmux.Display("#{alternate_on}"));

        tmux.Keys("c");
        await tmux.WaitForTextAsync("连接服务器", "远程服务器");
        tmux.Keys("Down", "Tab", "C-u");
        tmux.Type(server.Address);
        tmux.Keys("Tab");
        tmux.Type(token);
        tmux.Keys("Enter");
        await tmux.WaitForTextAsync("主菜单", "已连接：" + server.Address);
    }

    /// <summary>The dotnet host running the tests (so the client runs on the same runtime), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            return self;
        }

        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    /// <summary>Quits with <paramref name="key"/> and checks that the terminal is restored: main screen, the shell prompt, exit status 0.</summary>
    private static async Task QuitAsync(TmuxSession tmux, string key = "q")
    {
        tmux.Keys(key);
        // The echoed status is a line of its own ("govreport-exit=0"; the typed command may also wrap so that a line
        // starts with the marker), followed by the shell's prompt once bash has printed it. capture-pane drops
        // trailing blanks: the prompt "$ " reads "$".
        static string? LineAfterStatus(string screen) =>
            screen.Split('\n').SkipWhile(l => l.Trim() != ExitMarker + "0").Skip(1).FirstOrDefault()?.Trim();
        var screen = await tmux.WaitForAsync("exit status 0 and the shell prompt", s => LineAfterStatus(s) == "$");
        Assert.DoesNotContain(ExitMarker + "1", screen, StringComparison.Ordinal);
        Assert.Equal("0", tmux.Display("#{alternate_on}"));
    }

    /// <summary>
    /// Moves the findings panel's selection (Home, then Down) to the first finding whose line contains
    /// <paramref name="text"/> and, with <paramref name="jump"/>, presses Enter to go to its cell.
    /// </summary>
    private static void SelectFinding(TmuxSession tmux, string screen, string text, bool jump = true)
    {
        var findings = screen.Split('\n')
            .Where(l => l.Contains(" 错误 V", StringComparison.Ordinal) || l.Contains(" 警告 V", StringComparison.Ordinal) || l.Contains(" 提示 V", StringComparison.Ordinal))
            .ToList();
        var index = findings.FindIndex(l => l.Contains(text, StringComparison.Ordinal));
        Assert.True(index >= 0, $"finding “{text}” not listed; screen:\n{screen}");
        tmux.Keys("Home");
        for (var i = 0; i < index; i++)
        {
            tmux.Keys("Down");
        }

        if (jump)
        {
            tmux.Keys("Enter");
        }
    }

    /// <summary>The text of column <paramref name="column"/> (1 = 自然人) of the table row that starts with <paramref name="label"/>.</summary>
    private static string? TotalCell(string screen, string label, int column)
    {
        var row = screen.Split('\n').FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal));
        var cells = row?.Split('│');
        return cells is not null && cells.Length > column ? cells[column].Trim() : null;
    }
}
