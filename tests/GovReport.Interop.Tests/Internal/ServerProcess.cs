using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GovReport.Interop.Tests.Internal;

/// <summary>
/// The real server executable (the build output of server/GovReport.Server.csproj) run as a child process
/// on a free loopback port, with the test-only EchoService enabled.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _dataDir;

    private ServerProcess(Process process, int port, string scheme, string dataDir)
    {
        _process = process;
        Port = port;
        BaseUrl = $"{scheme}://127.0.0.1:{port}";
        _dataDir = dataDir;
    }

    public int Port { get; }

    /// <summary>http://127.0.0.1:PORT (h2c) or https://127.0.0.1:PORT.</summary>
    public string BaseUrl { get; }

    /// <summary>host:port, the form python and node clients take.</summary>
    public string Target => $"127.0.0.1:{Port}";

    public int Pid => _process.Id;

    /// <summary>The first-start admin token the server wrote to &lt;data-dir&gt;/admin-token (every govreport.v1 call needs a token).</summary>
    public string AdminToken => File.ReadAllText(Path.Combine(_dataDir, "admin-token")).Trim();

    public bool IsAlive => !_process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server with plaintext HTTP/2 (prior knowledge) on a free port.</summary>
    public static Task<ServerProcess> StartPlainAsync()
    {
        var port = FreePort();
        return StartAsync(port, "http", ["--urls", $"http://127.0.0.1:{port}"]);
    }

    /// <summary>Starts the server with TLS only, configured the standard Kestrel way.</summary>
    public static Task<ServerProcess> StartTlsAsync(string pfxPath, string password)
    {
        var port = FreePort();
        return StartAsync(port, "https",
        [
            $"--Kestrel:Endpoints:Tls:Url=https://127.0.0.1:{port}",
            $"--Kestrel:Endpoints:Tls:Certificate:Path={pfxPath}",
            $"--Kestrel:Endpoints:Tls:Certificate:Password={password}",
            "--Kestrel:Endpoints:Tls:Protocols=Http2",
        ]);
    }

    /// <summary>Peak resident set size of the server so far (VmHWM), in KiB.</summary>
    public long PeakRssKiB() => ReadStatusKiB("VmHWM:");

    public long RssKiB() => ReadStatusKiB("VmRSS:");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Left for the OS; nothing more a test can do.
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private static async Task<ServerProcess> StartAsync(int port, string scheme, string[] endpointArguments)
    {
        var serverDll = RepoPaths.ServerDll;
        if (!File.Exists(serverDll))
        {
            throw new InvalidOperationException($"server build output {serverDll} missing: build GovReportGrpc.sln first");
        }

        var dataDir = Directory.CreateTempSubdirectory("govreport-interop-").FullName;
        var dotnet = Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = dataDir,
        };
        info.ArgumentList.Add(serverDll);
        info.ArgumentList.Add("--enable-test-services");
        info.ArgumentList.Add("--data-dir");
        info.ArgumentList.Add(dataDir);
        foreach (var argument in endpointArguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start the server");
        var server = new ServerProcess(process, port, scheme, dataDir);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"server exited with {process.ExitCode} before listening:\n{server.Output}");
            }

            if (await CanConnectAsync(port))
            {
                return server;
            }

            await Task.Delay(100);
        }

        var output = server.Output;
        await server.DisposeAsync();
        throw new TimeoutException($"server did not listen on {port} within 90 s:\n{output}");
    }

    private static async Task<bool> CanConnectAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            // Bounded: a hostile test must not turn the log into the memory problem.
            if (_output.Length < 256 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private long ReadStatusKiB(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"{field} not in /proc/{_process.Id}/status");
    }
}
