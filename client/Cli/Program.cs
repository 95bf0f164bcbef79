using System.Text;
using GovReport.Client.Cli;

Console.OutputEncoding = Encoding.UTF8;
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
return await GovReportCli.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
