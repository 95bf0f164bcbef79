using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

/// <summary>The import picker over the real seed reports and real folders, importing through the embedded server.</summary>
public sealed class ImportFileScreenTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>, IDisposable
{
    private readonly string _temp = Directory.CreateTempSubdirectory("govreport-picker-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static async Task<(TuiShell Shell, ImportFileScreen Picker)> OpenAsync(TuiShell shell, string directory)
    {
        var home = new HomeScreen(shell);
        shell.Push(home);
        var picker = new ImportFileScreen(shell, directory, home.Import);
        shell.Push(picker);
        await shell.SettleAsync();
        return (shell, picker);
    }

    [Fact]
    public async Task Open_SeedFolder_ListsTheFiveSeedsWithAgencyAndTitleFirstSelected()
    {
        await using var shell = await server.ConnectedShellAsync();
        var (_, picker) = await OpenAsync(shell, SeedDirectory);

        var files = picker.Entries.Where(e => e.Kind == ImportEntryKind.File).ToList();
        Assert.Equal(
            ["000_aef716c44369ab4f.txt", "001_4b3fe3c3b758daf8.txt", "002_dfb6703c5ed3c52a.txt", "003_0b363b8c6b5339b4.txt", "004_0a6fad6ec4f98190.txt"],
            files.Select(f => f.Name));
        Assert.DoesNotContain(picker.Entries, e => e.Name == "README.md");
        Assert.Equal("北仑区人民政府办公室 2019年度政府信息公开工作年度报告", files[0].Summary);
        Assert.Equal("2019年度政府信息公开工作报告", files[1].Summary);
        Assert.Equal("余姚市人民政府朗霞街道办事处 2019年政府信息公开工作年度报告", files[4].Summary);
        Assert.Equal(ImportEntryKind.File, picker.Entries[picker.Selected].Kind);
        var text = TuiApp.Snapshot(shell, 120, 40);
        Assert.Contains("可导入的文件（5 个）", text, StringComparison.Ordinal);
        Assert.Contains("重庆市北碚区人民政府办公室 2020年政府信息公开工作年度报告", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownTwiceEnter_OnSeed002_ImportsIntoEditorWithFindings()
    {
        await using var shell = await server.ConnectedShellAsync();
        var (_, picker) = await OpenAsync(shell, SeedDirectory);

        await shell.PressAsync(K(Key.Down), K(Key.Down));
        Assert.Equal("002_dfb6703c5ed3c52a.txt", picker.Entries[picker.Selected].Name);
        await shell.PressAsync(K(Key.Enter));

        Assert.IsType<EditorScreen>(shell.Top);
        Assert.IsType<HomeScreen>(shell.Screens[^2]);
        Assert.False(shell.MessageIsError, shell.Message);
        Assert.Contains("已导入 002_dfb6703c5ed3c52a.txt", shell.Message, StringComparison.Ordinal);
        Assert.Contains("重庆市北碚区人民政府办公室", TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedAbsolutePath_Enter_ImportsThatFile()
    {
        await using var shell = await server.ConnectedShellAsync();
        await OpenAsync(shell, _temp);

        await shell.TypeAsync(Seed("003_0b363b8c6b5339b4.txt"));
        await shell.PressAsync(K(Key.Enter));

        Assert.IsType<EditorScreen>(shell.Top);
        Assert.Contains("已导入 003_0b363b8c6b5339b4.txt", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedRelativePath_ResolvedAgainstListedFolder_Imports()
    {
        await using var shell = await server.ConnectedShellAsync();
        await OpenAsync(shell, SeedDirectory);

        await shell.TypeAsync("004_0a6fad6ec4f98190.txt");
        await shell.PressAsync(K(Key.Enter));

        Assert.IsType<EditorScreen>(shell.Top);
        Assert.Contains("已导入 004_0a6fad6ec4f98190.txt", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedMissingPath_Enter_ShowsChineseErrorAndStaysWithText()
    {
        await using var shell = await server.ConnectedShellAsync();
        var (_, picker) = await OpenAsync(shell, SeedDirectory);

        await shell.TypeAsync("不存在的年报.txt");
        await shell.PressAsync(K(Key.Enter));

        Assert.Same(picker, shell.Top);
        Assert.True(shell.MessageIsError);
        Assert.Equal("找不到文件或文件夹：“不存在的年报.txt”", shell.Message);
        Assert.Equal("不存在的年报.txt", picker.PathText);
    }

    [Fact]
    public async Task BackspaceOnEmptyPath_GoesUpSelectingFolder_EnterReturnsIntoIt()
    {
        var inner = Directory.CreateDirectory(Path.Combine(_temp, "二〇二四")).FullName;
        File.WriteAllText(Path.Combine(inner, "a.txt"), "甲区人民政府\n2024年政府信息公开工作年度报告\n");
        File.WriteAllText(Path.Combine(inner, "b.pdf"), "%PDF");
        File.WriteAllText(Path.Combine(_temp, "top.docx"), "PK");
        await using var shell = await server.ConnectedShellAsync();
        var (_, picker) = await OpenAsync(shell, inner);
        Assert.Equal(["..", "a.txt"], picker.Entries.Select(e => e.Name));
        Assert.Equal("甲区人民政府 2024年政府信息公开工作年度报告", picker.Entries[1].Summary);

        await shell.PressAsync(K(Key.Backspace));
        Assert.Equal(_temp, picker.Directory);
        Assert.Equal("二〇二四/", picker.Entries[picker.Selected].Name);
        Assert.Null(picker.Entries.Single(e => e.Name == "top.docx").Summary);

        await shell.PressAsync(K(Key.Enter));
        Assert.Equal(inner, picker.Directory);
        await shell.PressAsync(K(Key.Up), K(Key.Enter));
        Assert.Equal(_temp, picker.Directory);
    }

    [Fact]
    public async Task TypedText_BackspaceEditsText_TypedFolderOpens()
    {
        Directory.CreateDirectory(Path.Combine(_temp, "sub"));
        await using var shell = await server.ConnectedShellAsync();
        var (_, picker) = await OpenAsync(shell, _temp);

        await shell.TypeAsync("subx");
        await shell.PressAsync(K(Key.Backspace));
        Assert.Equal("sub", picker.PathText);
        Assert.Equal(_temp, picker.Directory);

        await shell.PressAsync(K(Key.Enter));
        Assert.Equal(Path.Combine(_temp, "sub"), picker.Directory);
        Assert.Equal(string.Empty, picker.PathText);
        Assert.Same(picker, shell.Top);
    }

    [Fact]
    public async Task EmptyFolder_SaysNothingToImport_EscReturnsHome()
    {
        await using var shell = await server.ConnectedShellAsync();
        var (_, picker) = await OpenAsync(shell, _temp);

        Assert.Equal([".."], picker.Entries.Select(e => e.Name));
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("可导入的文件（0 个）", text, StringComparison.Ordinal);
        Assert.Contains("此文件夹中没有 .docx、.html、.htm 或 .txt 文件", text, StringComparison.Ordinal);

        await shell.PressAsync(K(Key.Escape));
        Assert.IsType<HomeScreen>(shell.Top);
    }

    [Fact]
    public async Task HomeI_OpensPickerInDefaultFolder_QIsText()
    {
        await using var shell = await server.ConnectedShellAsync();
        shell.Push(new HomeScreen(shell));

        await shell.PressAsync(C('i'), C('q'));

        var picker = Assert.IsType<ImportFileScreen>(shell.Top);
        Assert.Equal(ImportFileScreen.DefaultDirectory(), picker.Directory);
        Assert.Equal("q", picker.PathText);
        Assert.False(shell.QuitRequested);
    }

    [Fact]
    public void DefaultDirectory_EnvironmentThenSeedsAboveThenWorkingDirectory()
    {
        var seeds = Directory.CreateDirectory(Path.Combine(_temp, "shared", "fixtures", "seeds")).FullName;
        var repository = Directory.CreateDirectory(Path.Combine(_temp, "main", "client")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_temp, "elsewhere")).FullName;

        Assert.Equal(elsewhere, ImportFileScreen.DefaultDirectory(_ => elsewhere, repository, repository));
        Assert.Equal(seeds, ImportFileScreen.DefaultDirectory(_ => null, repository, "/"));
        Assert.Equal(seeds, ImportFileScreen.DefaultDirectory(_ => "/no/such/folder", "/", repository));
        Assert.Equal(Path.GetFullPath("/"), ImportFileScreen.DefaultDirectory(_ => null, "/", "/"));
    }

    [Fact]
    public void Summary_HtmlReport_TakesAgencyAndTitleFromText()
    {
        var html = Path.Combine(_temp, "r.html");
        File.WriteAllText(html, "<html><head><meta charset=\"utf-8\"></head><body><p>乙县人民政府</p>\n<h1>2023年政府信息公开&nbsp;工作年度报告</h1><p>正文</p></body></html>");

        Assert.Equal("乙县人民政府 2023年政府信息公开 工作年度报告", ImportFileScreen.Summary(new FileInfo(html)));
    }
}
