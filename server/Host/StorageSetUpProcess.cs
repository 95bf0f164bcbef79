using System.Diagnostics;
using GovReport.Services.Hosting;

namespace GovReport.Server;

/// <summary>
/// Runs <see cref="GovReportHost.SetUpStorageAsync"/> in a child process of this executable (same arguments,
/// environment and working directory; its stdout/stderr are ours, so the first-start admin message appears as
/// before). The JIT'd code, loader heaps and GC heap that EF Core's model building and schema set-up need
/// (~60 MiB) go away with the child instead of staying resident in the server for its lifetime.
/// </summary>
internal static class StorageSetUpProcess
{
    /// <summary>Internal switch that makes this executable run only the storage set-up and exit.</summary>
    public const string ChildSwitch = "--storage-set-up-only";

    public static bool IsChild(string[] args, out string[] setUpArgs)
    {
        setUpArgs = [.. args.Where(arg => arg != ChildSwitch)];
        return setUpArgs.Length != args.Length;
    }

    /// <summary>In the child: set up storage; 0 on success, 1 with the reason on stderr otherwise.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        try
        {
            await GovReportHost.SetUpStorageAsync(args);
            return 0;
        }
        catch (Exception exception)
        {
            await Console.Error.WriteLineAsync($"存储初始化失败，服务器未启动：{exception.Message}\n{exception}");
            return 1;
        }
    }

    /// <summary>In the server: run the child and wait for it; its exit code (0 = storage ready).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the server executable");
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Started as "dotnet govreport-server.dll": the child is "dotnet exec <same dll>".
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(StorageSetUpProcess).Assembly.Location);
        }

        start.ArgumentList.Add(ChildSwitch);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start the storage set-up process");
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
