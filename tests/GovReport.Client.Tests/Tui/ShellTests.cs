using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

public sealed class ShellTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    [Fact]
    public async Task ConnectScreen_EnterWithEmbeddedDefault_StartsLocalServerAndOpensHome()
    {
        await using var shell = new TuiShell(new TuiLaunchOptions());
        var connect = new ConnectScreen(shell);
        shell.Push(connect);
        Assert.False(connect.Remote);

        await shell.PressAsync(K(Key.Enter));

        Assert.IsType<HomeScreen>(shell.Top);
        Assert.NotNull(shell.Session);
        Assert.True(shell.Session!.IsEmbedded);
        Assert.Contains("本机内置服务", TuiApp.Snapshot(shell, 80, 24), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectScreen_RemoteUrlAndToken_ConnectsToServer()
    {
        string token;
        await using (var admin = await server.ConnectedShellAsync())
        {
            token = admin.Session!.Token!;
        }

        await using var shell = new TuiShell(new TuiLaunchOptions());
        var connect = new ConnectScreen(shell);
        shell.Push(connect);

        await shell.PressAsync(K(Key.Down), K(Key.Tab), KeyEvent.Ctrl('u'));
        Assert.True(connect.Remote);
        Assert.True(connect.CapturesText);
        await shell.TypeAsync(server.Address);
        await shell.PressAsync(K(Key.Tab));
        await shell.TypeAsync(token);
        Assert.Contains(new string('*', Math.Min(token.Length, 40)), TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
        Assert.DoesNotContain(token, TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
        await shell.PressAsync(K(Key.Enter));

        Assert.IsType<HomeScreen>(shell.Top);
        Assert.False(shell.Session!.IsEmbedded);
        Assert.Equal(server.Address, shell.Session.Address);
    }

    [Fact]
    public async Task ConnectScreen_UnknownToken_ShowsServerRefusalAndStays()
    {
        await using var shell = new TuiShell(new TuiLaunchOptions { ServerUrl = server.Address, Token = "no-such-token" });
        var connect = new ConnectScreen(shell);
        shell.Push(connect);

        await shell.PressAsync(K(Key.Enter));

        Assert.Same(connect, shell.Top);
        Assert.Null(shell.Session);
        Assert.True(shell.MessageIsError);
        Assert.Matches("令牌|身份|认证", shell.Message);
    }

    [Fact]
    public async Task ConnectScreen_InvalidUrl_ShowsChineseErrorAndStays()
    {
        await using var shell = new TuiShell(new TuiLaunchOptions { ServerUrl = "not a url" });
        var connect = new ConnectScreen(shell);
        shell.Push(connect);

        await shell.PressAsync(K(Key.Enter));

        Assert.Same(connect, shell.Top);
        Assert.True(shell.MessageIsError);
        Assert.Contains("服务器地址无效", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectScreen_NothingListening_ShowsCannotConnect()
    {
        await using var shell = new TuiShell(new TuiLaunchOptions { ServerUrl = "http://127.0.0.1:1" });
        shell.Push(new ConnectScreen(shell));

        await shell.PressAsync(K(Key.Enter));

        Assert.IsType<ConnectScreen>(shell.Top);
        Assert.Contains("无法连接服务器", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HelpOverlay_QuestionMark_ShowsScreenKeysAndAnyKeyCloses()
    {
        await using var shell = await server.ConnectedShellAsync();
        var home = new HomeScreen(shell);
        shell.Push(home);

        await shell.PressAsync(C('?'));
        Assert.IsType<HelpScreen>(shell.Top);
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("帮助：主菜单", text, StringComparison.Ordinal);
        Assert.Contains("n  新建报告草稿", text, StringComparison.Ordinal);

        await shell.PressAsync(C('x'));
        Assert.Same(home, shell.Top);
        await shell.PressAsync(K(Key.F1));
        Assert.IsType<HelpScreen>(shell.Top);
    }

    [Fact]
    public async Task Quit_QOnMenuAndCtrlCAnywhere_RequestQuit()
    {
        await using var shell = await server.ConnectedShellAsync();
        shell.Push(new HomeScreen(shell));
        await shell.PressAsync(C('q'));
        Assert.True(shell.QuitRequested);

        await using var other = await server.ConnectedShellAsync();
        other.Push(new HomeScreen(other));
        await other.PressAsync(C('i'));
        await other.PressAsync(C('q'));
        Assert.False(other.QuitRequested);
        Assert.Equal("q", Assert.IsType<ImportFileScreen>(other.Top).PathText);
        await other.PressAsync(KeyEvent.Ctrl('c'));
        Assert.True(other.QuitRequested);
    }

    [Fact]
    public async Task Home_RulesAndBlankDraft_OpenScreensFromServer()
    {
        await using var shell = await server.ConnectedShellAsync();
        shell.Push(new HomeScreen(shell));

        await shell.PressAsync(C('r'));
        var rules = Assert.IsType<RulesScreen>(shell.Top);
        await shell.PressAsync(K(Key.Down), K(Key.Down));
        Assert.Equal(2, rules.Selected);
        Assert.Contains("V03", TuiApp.Snapshot(shell, 120, 40), StringComparison.Ordinal);
        await shell.PressAsync(K(Key.Escape));

        await shell.PressAsync(C('n'));
        var editor = Assert.IsType<EditorScreen>(shell.Top);
        Assert.Equal(2025, editor.Report.ReportYear);
        Assert.Equal(0, shell.PendingCount);
        Assert.False(editor.Modified);

        // An unchanged draft leaves without asking (Esc may first leave a text field); then l opens the report list.
        for (var i = 0; i < 3 && shell.Top is not HomeScreen; i++)
        {
            await shell.PressAsync(K(Key.Escape));
        }

        Assert.IsType<HomeScreen>(shell.Top);
        await shell.PressAsync(C('l'));
        Assert.IsType<ReportListScreen>(shell.Top);
    }
}
