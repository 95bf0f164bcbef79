using GovReport.Client.Cli;
using GovReport.Client.Tui;

namespace GovReport.Client.Tests.Cli;

/// <summary>`govreport` without a subcommand: options for the full-screen client, parsed by the real command line.</summary>
public class FullScreenLaunchTests
{
    private static async Task<(int ExitCode, TuiLaunchOptions? Options, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        TuiLaunchOptions? launched = null;
        var exitCode = await GovReportCli.RunAsync(args, output, error, (options, _) =>
        {
            launched = options;
            return Task.FromResult(7);
        });
        return (exitCode, launched, error.ToString());
    }

    [Fact]
    public async Task RunAsync_ServerAndToken_OpensFullScreenOnThatServer()
    {
        var (exitCode, options, error) = await RunAsync("--server", "http://10.0.0.5:5080", "--token", "clerk-secret");

        Assert.Equal(7, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.NotNull(options);
        Assert.Equal("http://10.0.0.5:5080", options.ServerUrl);
        Assert.Equal("clerk-secret", options.Token);
        Assert.True(options.ConnectImmediately);
    }

    [Fact]
    public async Task RunAsync_DataDirOnly_OpensFullScreenOnEmbeddedServerThere()
    {
        var (exitCode, options, _) = await RunAsync("--data-dir", "some/place");

        Assert.Equal(7, exitCode);
        Assert.Null(options!.ServerUrl);
        Assert.Equal(Path.GetFullPath("some/place"), options.DataDirectory);
        Assert.True(options.ConnectImmediately);
    }

    [Fact]
    public async Task RunAsync_NoArguments_DefaultsToDataUnderWorkingDirectory()
    {
        var (_, options, _) = await RunAsync();

        Assert.Null(options!.ServerUrl);
        Assert.Equal(Path.GetFullPath("data"), options.DataDirectory);
    }

    [Fact]
    public async Task RunAsync_ServerWithoutValue_UsageErrorExitTwo()
    {
        var (exitCode, options, error) = await RunAsync("--server");

        Assert.Equal(2, exitCode);
        Assert.Null(options);
        Assert.Contains("--server", error, StringComparison.Ordinal);
        Assert.Contains("用法：govreport [--server URL --token TOKEN", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SubcommandWithServer_RunsSubcommandNotFullScreen()
    {
        var (exitCode, options, error) = await RunAsync("check", "--server", "not a url", "x.txt");

        Assert.Equal(2, exitCode);
        Assert.Null(options);
        Assert.Contains("服务器地址“not a url”无效", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_NoTerminalLauncher_SaysFullScreenNeedsTerminal()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await GovReportCli.RunAsync(["--server", "http://127.0.0.1:5080"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("全屏客户端需要在终端中运行", error.ToString(), StringComparison.Ordinal);
    }
}
