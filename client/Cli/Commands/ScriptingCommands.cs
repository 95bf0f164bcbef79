using System.CommandLine;
using GovReport.Client.Cli.Shared;

namespace GovReport.Client.Cli.Commands;

/// <summary>
/// The scripting subcommands of issue 4 (import, list, show, submit, approve, return, reopen, history, audit verify,
/// backup, user add, token create/revoke, agency add/list). Each takes --server, --token, --data-dir and --json and
/// exits 0 ok, 1 refused by the server, 2 usage or I/O error, 3 authentication or permission error.
/// </summary>
internal static class ScriptingCommands
{
    public static IReadOnlyList<Command> Create(TextWriter output, TextWriter error, Func<string, string?>? environment = null, TimeProvider? clock = null)
    {
        var factory = new CommandFactory(output, error, environment ?? Environment.GetEnvironmentVariable);
        return
        [
            .. ReportCommands.Create(factory),
            .. EditCommands.Create(factory),
            AgencyCommands.Create(factory),
            .. IdentityCommands.Create(factory, clock ?? TimeProvider.System),
            .. AdminCommands.Create(factory),
        ];
    }

    /// <summary>The usage line after a parse error in one of these commands ("govreport agency add --help"); null for others.</summary>
    public static string? UsageHint(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result?.Parent is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command.Name);
        }

        return names.Count == 0 || names[0] == "check" ? null : $"用法：govreport {string.Join(' ', names)} --help 查看参数与示例";
    }
}
