using System.CommandLine;

namespace GovReport.Client.Cli;

/// <summary>The `govreport` command line: subcommands for scripting (check) and the full-screen client.</summary>
internal static class GovReportCli
{
    public static RootCommand BuildRootCommand(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("GovReport：政府信息公开工作年度报告的导入、检查与管理");
        root.Subcommands.Add(CheckCommand.Create(output, error));
        foreach (var command in Commands.ScriptingCommands.Create(output, error))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    /// <summary>Runs the command line; usage errors exit with 2 (System.CommandLine's default would be 1).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = BuildRootCommand(output, error);
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"govreport: {parseError.Message}").ConfigureAwait(false);
            }

            await error.WriteLineAsync(Commands.ScriptingCommands.UsageHint(parseResult)
                ?? "用法：govreport check FILE... [--json] [--server URL]（govreport --help 查看帮助）").ConfigureAwait(false);
            return CheckCommand.ExitUsage;
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
