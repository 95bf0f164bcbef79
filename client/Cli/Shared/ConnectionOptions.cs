using System.CommandLine;

namespace GovReport.Client.Cli.Shared;

/// <summary>What every scripting subcommand needs to reach a server: where, who, and how to print.</summary>
internal sealed record ConnectionSettings(string? Server, string? Token, string DataDirectory, bool Json);

/// <summary>The options shared by the scripting subcommands: --server, --token, --data-dir, --json.</summary>
internal sealed class ConnectionOptions
{
    public const string TokenEnvironmentVariable = "GOVREPORT_TOKEN";
    public const string DefaultDataDirectory = "./data";

    private readonly Option<string?> _server = new("--server")
    {
        HelpName = "URL",
        Description = "服务器地址（如 http://127.0.0.1:5080）；不指定时在本进程内启动嵌入式服务器（数据在 --data-dir）",
    };

    private readonly Option<string?> _token = new("--token")
    {
        HelpName = "TOKEN",
        Description = $"API 令牌；默认取环境变量 {TokenEnvironmentVariable}，嵌入式服务器再退而使用 <数据目录>/admin-token",
    };

    private readonly Option<string> _dataDirectory = new("--data-dir")
    {
        HelpName = "DIR",
        Description = "嵌入式服务器的数据目录（与服务器默认相同：./data）",
        DefaultValueFactory = _ => DefaultDataDirectory,
    };

    private readonly Option<bool> _json = new("--json")
    {
        Description = "输出响应的标准 protobuf JSON，每行一个对象",
    };

    /// <summary>Creates the options and adds them to <paramref name="command"/>.</summary>
    public static ConnectionOptions AddTo(Command command)
    {
        var options = new ConnectionOptions();
        command.Options.Add(options._server);
        command.Options.Add(options._token);
        command.Options.Add(options._dataDirectory);
        command.Options.Add(options._json);
        return options;
    }

    public ConnectionSettings Read(ParseResult parseResult) => new(
        parseResult.GetValue(_server),
        parseResult.GetValue(_token),
        parseResult.GetValue(_dataDirectory) ?? DefaultDataDirectory,
        parseResult.GetValue(_json));
}
