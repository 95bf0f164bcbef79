using System.Text;
using GovReport.Client.Cli;
using GovReport.Client.Tui;

Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();

// No arguments on a terminal: the full-screen client on the embedded local server (./data, like the server), without
// building the command line first (the first frame comes sooner). With options (--server, --token, --data-dir) the
// command line parses them; subcommands are for scripts.
if (args.Length == 0 && OnTerminal())
{
    return await RunFullScreenAsync(
        new TuiLaunchOptions { DataDirectory = Path.GetFullPath("data"), ConnectImmediately = true }, cancellation.Token);
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await GovReportCli.RunAsync(args, Console.Out, Console.Error, RunFullScreenAsync, cancellation.Token);

static bool OnTerminal() => !Console.IsInputRedirected && !Console.IsOutputRedirected;

static async Task<int> RunFullScreenAsync(TuiLaunchOptions options, CancellationToken cancellationToken)
{
    if (!OnTerminal())
    {
        await Console.Error.WriteLineAsync("govreport: 全屏客户端需要在终端中运行；脚本请使用子命令（govreport --help 查看）").ConfigureAwait(false);
        return 2;
    }

    // The screen belongs to the client: anything written through Console (the embedded server's first-start notice,
    // its error log) goes to <data-dir>/client.log, or nowhere for a remote server. The terminal layer writes to the
    // file descriptors directly, not through Console.Out.
    TextWriter log = TextWriter.Null;
    if (options.ServerUrl is null && options.DataDirectory is { } dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        log = new StreamWriter(Path.Combine(dataDirectory, "client.log"), append: true) { AutoFlush = true };
    }

    await using (log.ConfigureAwait(false))
    {
        Console.SetOut(log);
        Console.SetError(log);
        return await TuiApp.RunAsync(options, cancellationToken).ConfigureAwait(false);
    }
}
