using System.CommandLine;
using GovReport.Client.Tui;

namespace GovReport.Client.Cli;

/// <summary>Opens the full-screen client with the given options; returns the exit code.</summary>
internal delegate Task<int> FullScreenLauncher(TuiLaunchOptions options, CancellationToken cancellationToken);

/// <summary>The `govreport` command line: subcommands for scripting (check) and the full-screen client.</summary>
internal static class GovReportCli
{
    public static RootCommand BuildRootCommand(TextWriter output, TextWriter error, FullScreenLauncher? fullScreen = null)
    {
        var root = new RootCommand("GovReport：政府信息公开工作年度报告的导入、检查与管理（不带子命令时打开全屏终端客户端）");
        root.Subcommands.Add(CheckCommand.Create(output, error));
        foreach (var command in Commands.ScriptingCommands.Create(output, error))
        {
            root.Subcommands.Add(command);
        }

        // No subcommand: the full-screen client, on the embedded server (--data-dir) or on --server with --token.
        var server = new Option<string?>("--server")
        {
            HelpName = "URL",
            Description = "全屏客户端连接的服务器地址（如 http://主机:5080）；不指定时使用本机内置服务",
        };
        var token = new Option<string?>("--token")
        {
            HelpName = "TOKEN",
            Description = $"访问令牌（配合 --server）；默认取环境变量 {Shared.ConnectionOptions.TokenEnvironmentVariable}",
        };
        var dataDirectory = new Option<string>("--data-dir")
        {
            HelpName = "DIR",
            Description = "本机内置服务的数据目录（默认 ./data）",
            DefaultValueFactory = _ => Shared.ConnectionOptions.DefaultDataDirectory,
        };
        root.Options.Add(server);
        root.Options.Add(token);
        root.Options.Add(dataDirectory);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var url = parse.GetValue(server);
            var options = new TuiLaunchOptions
            {
                ServerUrl = url,
                Token = parse.GetValue(token) ?? (url is null ? null : Environment.GetEnvironmentVariable(Shared.ConnectionOptions.TokenEnvironmentVariable)),
                DataDirectory = Path.GetFullPath(parse.GetValue(dataDirectory) ?? Shared.ConnectionOptions.DefaultDataDirectory),
                ConnectImmediately = true,
            };
            if (fullScreen is null)
            {
                await error.WriteLineAsync("govreport: 全屏客户端需要在终端中运行；脚本请使用子命令（govreport --help 查看）").ConfigureAwait(false);
                return CheckCommand.ExitUsage;
            }

            return await fullScreen(options, cancellationToken).ConfigureAwait(false);
        });
        return root;
    }

    /// <summary>Runs the command line; usage errors exit with 2 (System.CommandLine's default would be 1).</summary>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, null, cancellationToken);

    /// <summary>Runs the command line; with no subcommand, <paramref name="fullScreen"/> opens the full-screen client.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, FullScreenLauncher? fullScreen, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(output, error, fullScreen);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"govreport: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync(Commands.ScriptingCommands.UsageHint(parseResult)
                ?? "用法：govreport [--server URL --token TOKEN | --data-dir DIR]（全屏客户端）或 govreport check FILE... [--json]（govreport --help 查看帮助）").ConfigureAwait(false);
            return CheckCommand.ExitUsage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
