using System.Text;
using GovReport.Client.Cli;
using GovReport.Client.Tui;

Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();

// No subcommand on a terminal: the full-screen client on the embedded local server (./data, like the server).
// Scripts (redirected input or output) keep the subcommands' behaviour and get the usage text instead.
if (args.Length == 0 && !Console.IsInputRedirected && !Console.IsOutputRedirected)
{
    var dataDirectory = Path.GetFullPath("data");
    Directory.CreateDirectory(dataDirectory);
    // The screen belongs to the client: the embedded server's messages (first-start notice, logs) go to a file.
    // The terminal layer writes to the file descriptors directly, not through Console.Out.
    await using var log = new StreamWriter(Path.Combine(dataDirectory, "client.log"), append: true) { AutoFlush = true };
    Console.SetOut(log);
    Console.SetError(log);
    return await TuiApp.RunAsync(
        new TuiLaunchOptions { DataDirectory = dataDirectory, ConnectImmediately = true },
        cancellation.Token);
}

Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await GovReportCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
