using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>Saving and submitting from the editor against the real embedded server (each test in its own agency).</summary>
public sealed class EditorSaveTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    internal const string Seed002 = "002_dfb6703c5ed3c52a.txt";
    internal const string TotalNaturalPerson = "applications.results_total.natural_person";
    private const string GrantedNaturalPerson = "applications.granted.natural_person";
    private const string GrantedBusiness = "applications.granted.commercial";

    [Fact]
    public async Task Save_NewReport_CreatesInNewAgencyThenUpdatesWithNextRevision()
    {
        await using var shell = await server.ConnectedShellAsync();
        var agency = UniqueAgency();
        var editor = await EditorFlows.OpenSeedAsync(shell, Seed002, agency);

        await shell.PressAsync(KeyEvent.Ctrl('s'));
        var dialog = Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Contains(agency, dialog.Choices[0].Text, StringComparison.Ordinal);
        await shell.PressAsync(K(Key.Enter));
        Assert.Equal(agency, Assert.IsType<PromptScreen>(shell.Top).Text);
        await shell.PressAsync(K(Key.Enter));

        Assert.Same(editor, shell.Top);
        var created = editor.Report;
        Assert.Matches("^agencies/[0-9]+/reports/2020$", created.Name);
        Assert.Equal(1, created.Revision);
        Assert.Equal(Report.Types.State.Draft, created.State);
        Assert.False(editor.Modified);
        Assert.Contains("已保存（第 1 版）", shell.Message, StringComparison.Ordinal);
        Assert.Contains(editor.Findings, f => f.CulpritAddress == TotalNaturalPerson);

        Assert.True(editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter));
        Assert.True(editor.Modified);
        Assert.Contains("（已修改）", TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
        await shell.PressAsync(KeyEvent.Ctrl('s'));

        Assert.Equal(2, editor.Report.Revision);
        Assert.Equal(created.Name, editor.Report.Name);
        Assert.NotEqual(created.Etag, editor.Report.Etag);
        Assert.False(editor.Modified);
        Assert.Contains("已保存（第 2 版）", shell.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(editor.Findings, f => f.CulpritAddress == TotalNaturalPerson);
        var stored = await shell.RequireSession().GetReportAsync(created.Name, CancellationToken.None);
        Assert.Equal("17", stored.Cells.Single(c => c.Address == TotalNaturalPerson).Value);
        Assert.Equal(2, stored.Revision);

        // Nothing changed since: a save says so and stores no revision.
        await shell.PressAsync(KeyEvent.Ctrl('s'));
        Assert.Contains("没有需要保存的修改", shell.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await shell.RequireSession().GetReportAsync(created.Name, CancellationToken.None)).Revision);
    }

    [Fact]
    public async Task Save_AdminWithAgencyNamedLikeReport_SavesThereWithoutAsking()
    {
        await using var shell = await server.ConnectedShellAsync();
        var agency = await EditorFlows.CreateAgencyAsync(shell.RequireSession(), UniqueAgency());
        var editor = await EditorFlows.OpenSeedAsync(shell, Seed002, agency.DisplayName);

        await shell.PressAsync(KeyEvent.Ctrl('s'));

        Assert.Same(editor, shell.Top);
        Assert.Equal(agency.Name, editor.Report.Agency);
    }

    [Fact]
    public async Task Save_ConcurrentUpdate_ConflictExplainedAndReloadTakesServerVersion()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await SaveAfterConcurrentUpdateAsync(shell);
        var name = editor.Report.Name;

        var dialog = Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Equal("保存冲突", dialog.Title);
        var explanation = string.Join("\n", dialog.Explanation);
        Assert.Contains("您编辑的是第 1 版；服务器上现为第 2 版（草稿）", explanation, StringComparison.Ordinal);
        Assert.Contains("1 个单元格（（一）予以公开 / 商业企业：", explanation, StringComparison.Ordinal);
        Assert.Contains("您本人", explanation, StringComparison.Ordinal);
        Assert.Equal(3, dialog.Choices.Count);

        await shell.PressAsync(C('1'));

        Assert.Same(editor, shell.Top);
        Assert.False(editor.Modified);
        Assert.Equal(2, editor.Report.Revision);
        Assert.Equal("5", editor.Report.Cells.Single(c => c.Address == GrantedBusiness).Value);
        Assert.Equal("18", editor.Report.Cells.Single(c => c.Address == TotalNaturalPerson).Value);
        Assert.Contains("已载入服务器上的第 2 版", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ConcurrentUpdate_OverwriteKeepsTheirCellAndStoresMine()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await SaveAfterConcurrentUpdateAsync(shell);
        var name = editor.Report.Name;
        Assert.IsType<ChoiceScreen>(shell.Top);
        await shell.PressAsync(K(Key.Down), K(Key.Enter));

        Assert.Same(editor, shell.Top);
        Assert.False(editor.Modified);
        var stored = await shell.RequireSession().GetReportAsync(name, CancellationToken.None);
        Assert.Equal(3, stored.Revision);
        Assert.Equal("5", stored.Cells.Single(c => c.Address == GrantedBusiness).Value);
        Assert.Equal("17", stored.Cells.Single(c => c.Address == TotalNaturalPerson).Value);
        Assert.Equal(stored.Etag, editor.Report.Etag);
        Assert.Contains("已保存（第 3 版）", shell.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Opens seed 002 stored, lets a second session set （一）商业企业 to 5 (revision 2), then types 17 into
    /// （七）总计 自然人 in the editor, still on revision 1, and presses Ctrl+S: the save meets the conflict.
    /// </summary>
    private async Task<EditorScreen> SaveAfterConcurrentUpdateAsync(TuiShell shell)
    {
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        await EditorFlows.UpdateCellAsync(server, editor.Report.Name, GrantedBusiness, "5");
        Assert.True(editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter), KeyEvent.Ctrl('s'));
        return editor;
    }

    [Fact]
    public async Task Save_ConflictWithAnotherUsersSave_NamesThatUser()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        var clerkToken = await EditorFlows.CreateUserTokenAsync(shell.RequireSession(), editor.Report.Agency, Role.Clerk);
        await using (var clerk = await ClientSession.ConnectAsync(server.Address, clerkToken, CancellationToken.None))
        {
            var report = await clerk.GetReportAsync(editor.Report.Name, CancellationToken.None);
            report.Cells.Remove(report.Cells.FirstOrDefault(c => c.Address == GrantedBusiness));
            report.Cells.Add(new Api.V1.Cell { Address = GrantedBusiness, Present = true, Value = "5" });
            await clerk.UpdateReportAsync(new UpdateReportRequest { Report = report, UpdateMask = new FieldMask { Paths = { "cells" } } }, CancellationToken.None);
        }

        Assert.True(editor.JumpTo(TotalNaturalPerson));
        await shell.PressAsync(C('1'), C('7'), K(Key.Enter), KeyEvent.Ctrl('s'));

        var explanation = string.Join("\n", Assert.IsType<ChoiceScreen>(shell.Top).Explanation);
        Assert.Matches("由用户 测试u[0-9a-f]{10}", explanation);
        Assert.DoesNotContain("users/", explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Save_ConflictCancel_KeepsLocalChangesUnsaved()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        await EditorFlows.UpdateCellAsync(server, editor.Report.Name, GrantedBusiness, "5");

        Assert.True(editor.JumpTo(GrantedNaturalPerson));
        await shell.PressAsync(C('9'), K(Key.Enter), KeyEvent.Ctrl('s'), K(Key.Escape));

        Assert.Same(editor, shell.Top);
        Assert.True(editor.Modified);
        Assert.Equal(1, editor.Report.Revision);
        Assert.Equal("9", editor.Report.Cells.Single(c => c.Address == GrantedNaturalPerson).Value);
        Assert.Contains("未保存", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_Seed002WithOpenErrors_RefusalListsTotalFindingAndJumpsToCell()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        Assert.True(editor.JumpTo("applications.new_received.natural_person"));

        await shell.PressAsync(K(Key.F9));

        var dialog = Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Equal("不能提交", dialog.Title);
        var index = editor.LastRefusal.ToList().FindIndex(k => k.EndsWith(":" + TotalNaturalPerson, StringComparison.Ordinal));
        Assert.True(index >= 0, string.Join(", ", editor.LastRefusal));
        Assert.StartsWith("错误 ", dialog.Choices[index].Text, StringComparison.Ordinal);
        Assert.True(shell.MessageIsError);
        Assert.Contains("错误未修正", shell.Message, StringComparison.Ordinal);

        dialog.Choose(index);

        Assert.Same(editor, shell.Top);
        Assert.Equal(TotalNaturalPerson, editor.SelectedAddress);
        Assert.Equal(Report.Types.State.Draft, editor.Report.State);
        Assert.False(editor.ReadOnly);
    }

    [Fact]
    public async Task Submit_AfterFixingTotal_SubmitsAndOpensReadOnly()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());

        await EditorFlows.FixAndSubmitAsync(shell, editor);

        Assert.Same(editor, shell.Top);
        Assert.Equal(Report.Types.State.Submitted, editor.Report.State);
        Assert.True(editor.ReadOnly);
        Assert.Contains("已提交审核", shell.Message, StringComparison.Ordinal);
        Assert.Contains("已提交 第2版 只读", editor.StateLine, StringComparison.Ordinal);

        // Edit keys are refused with the reason; nothing changes.
        Assert.True(editor.JumpTo(GrantedNaturalPerson));
        await shell.PressAsync(C('3'));
        Assert.Null(editor.EditBuffer);
        Assert.True(shell.MessageIsError);
        Assert.Contains("报告已提交，正在审核中，不能修改", shell.Message, StringComparison.Ordinal);
        await shell.PressAsync(K(Key.Delete), KeyEvent.Ctrl('s'), K(Key.F9));
        Assert.False(editor.Modified);
        Assert.Contains("报告已提交", shell.Message, StringComparison.Ordinal);

        // Opened again from the server it is read-only too.
        EditorScreen.Open(shell, editor.Report.Name);
        await shell.SettleAsync();
        var reopened = Assert.IsType<EditorScreen>(shell.Top);
        Assert.NotSame(editor, reopened);
        Assert.True(reopened.ReadOnly);
        Assert.False(reopened.CapturesText);
    }

    [Fact]
    public async Task Save_Clerk_SavesIntoOwnAgencyWithoutAsking()
    {
        await using var admin = await server.ConnectedShellAsync();
        var agency = await EditorFlows.CreateAgencyAsync(admin.RequireSession(), UniqueAgency());
        var token = await EditorFlows.CreateUserTokenAsync(admin.RequireSession(), agency.Name, Role.Clerk);
        await using var shell = await server.ShellAsAsync(token);

        // The report names another agency: a clerk's report goes into the clerk's own agency regardless.
        var editor = await EditorFlows.OpenSeedAsync(shell, Seed002, "别的机关");
        await shell.PressAsync(KeyEvent.Ctrl('s'));

        Assert.Same(editor, shell.Top);
        Assert.Equal(agency.Name, editor.Report.Agency);
        Assert.Equal(agency.DisplayName, editor.Report.AgencyDisplayName);
        Assert.Equal(1, editor.Report.Revision);
        Assert.False(editor.ReadOnly);
    }

    [Fact]
    public async Task Save_ReviewerWithoutCreateRight_ShowsPermissionDeniedInChinese()
    {
        await using var admin = await server.ConnectedShellAsync();
        var agency = await EditorFlows.CreateAgencyAsync(admin.RequireSession(), UniqueAgency());
        var token = await EditorFlows.CreateUserTokenAsync(admin.RequireSession(), agency.Name, Role.Reviewer);
        await using var shell = await server.ShellAsAsync(token);
        var editor = await EditorFlows.OpenSeedAsync(shell, Seed002, agency.DisplayName);

        await shell.PressAsync(KeyEvent.Ctrl('s'));

        Assert.Same(editor, shell.Top);
        Assert.True(shell.MessageIsError);
        Assert.Contains("审核员", shell.Message, StringComparison.Ordinal);
        Assert.Contains("ACCESS_DENIED", shell.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, editor.Report.Name);
    }

    [Fact]
    public async Task Leave_WithUnsavedChanges_AsksAndSaveThenLeaveStores()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        Assert.True(editor.JumpTo(GrantedNaturalPerson));
        await shell.PressAsync(C('4'), K(Key.Enter), K(Key.Escape));

        var dialog = Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Contains("1 个单元格", dialog.Explanation[0], StringComparison.Ordinal);
        await shell.PressAsync(C('3'));
        Assert.Same(editor, shell.Top);

        await shell.PressAsync(C('q'));
        Assert.IsType<ChoiceScreen>(shell.Top);
        await shell.PressAsync(C('1'));

        Assert.True(shell.QuitRequested);
        var stored = await shell.RequireSession().GetReportAsync(editor.Report.Name, CancellationToken.None);
        Assert.Equal("4", stored.Cells.Single(c => c.Address == GrantedNaturalPerson).Value);
    }

    [Fact]
    public async Task Save_SecondReportSameAgencyAndYear_ShowsAlreadyExistsAndStaysUnsaved()
    {
        await using var shell = await server.ConnectedShellAsync();
        var agency = UniqueAgency();
        var first = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, agency);
        var second = await EditorFlows.OpenSeedAsync(shell, Seed002, agency);

        // The agency now exists under that name, so the second save goes there without asking, and is refused.
        await shell.PressAsync(KeyEvent.Ctrl('s'));

        Assert.Same(second, shell.Top);
        Assert.True(shell.MessageIsError);
        Assert.Contains($"“{agency}”的 2020 年度报告已存在", shell.Message, StringComparison.Ordinal);
        Assert.Contains("REPORT_ALREADY_EXISTS", shell.Message, StringComparison.Ordinal);
        Assert.Equal(string.Empty, second.Report.Name);
        Assert.Equal(1, (await shell.RequireSession().GetReportAsync(first.Report.Name, CancellationToken.None)).Revision);
    }

    [Fact]
    public async Task CtrlS_WhileTypingNumber_TakesTheNumberThenSaves()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        Assert.True(editor.JumpTo(GrantedNaturalPerson));

        await shell.PressAsync(C('1'), C('2'), KeyEvent.Ctrl('s'));

        Assert.Null(editor.EditBuffer);
        Assert.Equal(2, editor.Report.Revision);
        Assert.Equal("12", editor.Report.Cells.Single(c => c.Address == GrantedNaturalPerson).Value);
    }

    [Fact]
    public async Task Open_ReturnedReport_IsEditableAgainAndSavesNextRevision()
    {
        await using var shell = await server.ConnectedShellAsync();
        var editor = await EditorFlows.OpenStoredSeedAsync(shell, Seed002, UniqueAgency());
        await EditorFlows.FixAndSubmitAsync(shell, editor);
        var submitted = editor.Report;
        Assert.Equal(Report.Types.State.Submitted, submitted.State);
        await shell.RequireSession().ReturnReportAsync(
            new ReturnReportRequest { Name = submitted.Name, Etag = submitted.Etag, Reason = "请核对（一）予以公开" }, CancellationToken.None);

        EditorScreen.Open(shell, submitted.Name);
        await shell.SettleAsync();
        var returned = Assert.IsType<EditorScreen>(shell.Top);

        Assert.False(returned.ReadOnly);
        Assert.Contains("已退回 第2版", returned.StateLine, StringComparison.Ordinal);
        Assert.True(returned.JumpTo(GrantedNaturalPerson));
        await shell.PressAsync(C('1'), C('3'), K(Key.Enter), KeyEvent.Ctrl('s'));
        Assert.Equal(3, returned.Report.Revision);
        Assert.Equal(Report.Types.State.Returned, returned.Report.State);
    }

    private static string UniqueAgency() => "测试机关" + Guid.NewGuid().ToString("N")[..8];
}

/// <summary>Steps the save tests share: opening a seed in the editor, storing it, a second writer, users.</summary>
internal static class EditorFlows
{
    /// <summary>Imports a seed (as the home screen does) with <paramref name="agencyName"/> as its 机关名称 and opens it over the home screen.</summary>
    public static async Task<EditorScreen> OpenSeedAsync(TuiShell shell, string seed, string agencyName)
    {
        var session = shell.RequireSession();
        var path = Tuis.Seed(seed);
        var imported = await session.ImportAsync(await File.ReadAllBytesAsync(path), path, CancellationToken.None);
        var templates = await session.ListTemplatesAsync(CancellationToken.None);
        imported.Report.AgencyDisplayName = agencyName;
        var editor = new EditorScreen(shell, templates, imported.Report, imported.Validation);
        shell.Push(new HomeScreen(shell));
        shell.Push(editor);
        return editor;
    }

    /// <summary>Opens a seed and saves it as an administrator into a new agency named <paramref name="agencyName"/>.</summary>
    public static async Task<EditorScreen> OpenStoredSeedAsync(TuiShell shell, string seed, string agencyName)
    {
        var editor = await OpenSeedAsync(shell, seed, agencyName);
        // The agency dialog opens on its first choice, "新建机关": Enter, then Enter on the prefilled name.
        await shell.PressAsync(KeyEvent.Ctrl('s'), new KeyEvent(Key.Enter), new KeyEvent(Key.Enter));
        Assert.Same(editor, shell.Top);
        Assert.Equal(1, editor.Report.Revision);
        return editor;
    }

    /// <summary>
    /// Fixes seed 002's errors — （七）总计 自然人 18 → 17 and 商业企业 0 → 1, the publication date (2020-01-25 is
    /// before the end of 2020) — justifies its one warning (the blank 重复申请 总计) and submits with F9 (saving first).
    /// </summary>
    public static async Task FixAndSubmitAsync(TuiShell shell, EditorScreen editor)
    {
        Assert.True(editor.JumpTo(EditorSaveTests.TotalNaturalPerson));
        await shell.PressAsync(KeyEvent.Char('1'), KeyEvent.Char('7'), new KeyEvent(Key.Enter));
        Assert.True(editor.JumpTo("applications.results_total.commercial"));
        await shell.PressAsync(KeyEvent.Char('1'), new KeyEvent(Key.Enter));
        await shell.PressAsync(new KeyEvent(Key.F4), KeyEvent.Ctrl('u'));
        await shell.TypeAsync("2021-01-25");
        await shell.PressAsync(new KeyEvent(Key.Enter));
        Assert.DoesNotContain(editor.Findings, f => f.Severity == Severity.Error);

        var warning = editor.Findings.ToList().FindIndex(f => f.Severity == Severity.Warning);
        Assert.True(warning >= 0);
        await shell.PressAsync(new KeyEvent(Key.F6), new KeyEvent(Key.Home));
        for (var i = 0; i < warning; i++)
        {
            await shell.PressAsync(new KeyEvent(Key.Down));
        }

        await shell.PressAsync(KeyEvent.Char('j'));
        await shell.TypeAsync("原表该格空白，本年度无重复申请");
        await shell.PressAsync(new KeyEvent(Key.Enter), new KeyEvent(Key.F9));
    }

    /// <summary>A second writer: another session changes one cell of the stored report.</summary>
    public static async Task UpdateCellAsync(EmbeddedServerFixture server, string name, string address, string value)
    {
        await using var other = await server.ConnectedShellAsync();
        var session = other.RequireSession();
        var report = await session.GetReportAsync(name, CancellationToken.None);
        report.Cells.Remove(report.Cells.FirstOrDefault(c => c.Address == address));
        report.Cells.Add(new Api.V1.Cell { Address = address, Present = true, Value = value });
        await session.UpdateReportAsync(new UpdateReportRequest { Report = report, UpdateMask = new FieldMask { Paths = { "cells" } } }, CancellationToken.None);
    }

    public static Task<Agency> CreateAgencyAsync(ClientSession admin, string name) =>
        admin.CreateAgencyAsync(string.Empty, new Agency { DisplayName = name, Kind = AgencyKind.Department }, CancellationToken.None);

    /// <summary>Creates a user of <paramref name="role"/> in <paramref name="agency"/> and returns a token secret for it.</summary>
    public static async Task<string> CreateUserTokenAsync(ClientSession admin, string agency, Role role)
    {
        var login = "u" + Guid.NewGuid().ToString("N")[..10];
        var user = await admin.CallAsync<CreateUserRequest, User>("/govreport.v1.IdentityService/CreateUser",
            new CreateUserRequest { User = new User { Login = login, DisplayName = "测试" + login, Role = role, Agency = agency } }, CancellationToken.None);
        var token = await admin.CallAsync<CreateTokenRequest, CreateTokenResponse>("/govreport.v1.IdentityService/CreateToken",
            new CreateTokenRequest { Parent = user.Name, Token = new Token { DisplayName = "tui test" } }, CancellationToken.None);
        return token.Secret;
    }
}
