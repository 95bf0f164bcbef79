using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using GovReport.Services.Hosting;

namespace GovReport.Server;

/// <summary>
/// Runs <see cref="GovReportHost.SetUpStorageAsync"/> in a child process of this executable (same arguments,
/// environment and working directory; its stdout/stderr are ours, so the first-start admin message appears as
/// before). The JIT'd code, loader heaps and GC heap that EF Core's model building and schema set-up need
/// (~60 MiB) go away with the child instead of staying resident in the server for its lifetime.
/// </summary>
internal static partial class StorageSetUpProcess
{
    /// <summary>Internal switch that makes this executable run only the storage set-up and exit.</summary>
    public const string ChildSwitch = "--storage-set-up-only";

    public static bool IsChild(string[] args, out string[] setUpArgs)
    {
        setUpArgs = Array.FindAll(args, arg => arg != ChildSwitch);
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
    public static int Run(string[] args)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot locate the server executable");
        var argv = new List<string>(args.Length + 4) { host };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            // Started as "dotnet govreport-server.dll": the child is "dotnet exec <same dll>".
            argv.Add("exec");
            argv.Add(typeof(StorageSetUpProcess).Assembly.Location);
        }
        argv.Add(ChildSwitch);
        argv.AddRange(args);
        // On Linux, posix_spawn + waitpid: System.Diagnostics.Process would load three assemblies and its
        // start/exit-watching code into the server for a single use (~1 MiB resident for the server's lifetime).
        return OperatingSystem.IsLinux() ? PosixSpawn.Run(host, argv) : RunWithProcess(host, argv);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int RunWithProcess(string host, List<string> argv)
    {
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        foreach (var arg in argv.Skip(1))
        {
            start.ArgumentList.Add(arg);
        }
        using var child = Process.Start(start) ?? throw new InvalidOperationException("cannot start the storage set-up process");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>glibc's posix_spawn and waitpid; the child inherits our stdin/stdout/stderr and environment.</summary>
    private static partial class PosixSpawn
    {
        private const int EINTR = 4;

        public static int Run(string path, List<string> argv)
        {
            var environment = new List<string>();
            foreach (System.Collections.DictionaryEntry variable in Environment.GetEnvironmentVariables())
            {
                environment.Add($"{variable.Key}={variable.Value}");
            }
            var argvPointers = ToNative(argv);
            var envPointers = ToNative(environment);
            var pathPointer = Marshal.StringToCoTaskMemUTF8(path);
            try
            {
                var error = Spawn(out var pid, pathPointer, IntPtr.Zero, IntPtr.Zero, argvPointers, envPointers);
                if (error != 0)
                {
                    throw new InvalidOperationException($"cannot start the storage set-up process: {Marshal.GetPInvokeErrorMessage(error)}");
                }
                int status;
                while (WaitPid(pid, out status, 0) < 0)
                {
                    var waitError = Marshal.GetLastPInvokeError();
                    if (waitError != EINTR)
                    {
                        throw new InvalidOperationException($"cannot wait for the storage set-up process: {Marshal.GetPInvokeErrorMessage(waitError)}");
                    }
                }
                // WIFEXITED / WEXITSTATUS; killed by a signal counts as 128 + signal, as in a shell.
                return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            }
            finally
            {
                Marshal.FreeCoTaskMem(pathPointer);
                Free(argvPointers);
                Free(envPointers);
            }
        }

        private static IntPtr[] ToNative(List<string> values)
        {
            var pointers = new IntPtr[values.Count + 1];
            for (var i = 0; i < values.Count; i++)
            {
                pointers[i] = Marshal.StringToCoTaskMemUTF8(values[i]);
            }
            return pointers;
        }

        private static void Free(IntPtr[] pointers)
        {
            foreach (var pointer in pointers)
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }

        [LibraryImport("libc", EntryPoint = "posix_spawn")]
        private static partial int Spawn(out int pid, IntPtr path, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

        [LibraryImport("libc", EntryPoint = "waitpid", SetLastError = true)]
        private static partial int WaitPid(int pid, out int status, int options);
    }
}
