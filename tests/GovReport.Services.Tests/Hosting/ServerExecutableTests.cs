using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Grpc;
using Grpc.Health.V1;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Services.Tests.Hosting;

/// <summary>
/// The server executable (govreport-server.dll) sets up storage in a child process before it listens
/// (server/Host/StorageSetUpProcess.cs): schema and first admin exist once it serves, EF Core's set-up never runs
/// in the server process itself, and a set-up failure stops the start with the reason.
/// </summary>
public sealed class ServerExecutableTests : IDisposable
{
    private readonly string dataDir = Directory.CreateTempSubdirectory("govreport-exe-").FullName;

    [Fact]
    public async Task Start_EmptyDataDir_StorageReadyBeforeServingAndSetUpNotInServerProcess()
    {
        await using var server = await ServerExecutable.StartAsync(dataDir);

        var token = (await File.ReadAllTextAsync(Path.Combine(dataDir, "admin-token"))).Trim();
        var headers = new Metadata { { "authorization", "Bearer " + token } };
        var user = await server.Channel.UnaryAsync<GetCurrentUserRequest, User>("/govreport.v1.IdentityService/GetCurrentUser",
            new GetCurrentUserRequest(), new CallOptions(headers, DateTime.UtcNow.AddSeconds(30)));
        Assert.Equal("admin", user.Login);
        Assert.Equal(Role.Admin, user.Role);
        Assert.Contains("首次启动：已创建管理员", server.Log(), StringComparison.Ordinal);
        if (OperatingSystem.IsLinux())
        {
            // EnsureCreated and the schema queries run on EF Core's relational layer: not loaded when serving started.
            Assert.DoesNotContain("Microsoft.EntityFrameworkCore.Relational.dll", server.MapsWhenServing, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Start_DatabaseNewerThanProgram_ExitsWithReasonAndNeverListens()
    {
        var options = new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataDir, "govreport.db")}");
        await using (var db = GovReportDatabase.CreateContext(options))
        {
            await DatabaseInitializer.InitializeAsync(db);
            await db.Database.ExecuteSqlRawAsync($"UPDATE schema_info SET version = {DatabaseInitializer.CurrentVersion + 1}");
        }

        var (exitCode, log) = await ServerExecutable.RunToExitAsync(dataDir);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("存储初始化失败，服务器未启动", log, StringComparison.Ordinal);
        Assert.Contains($"高于本程序支持的版本 {DatabaseInitializer.CurrentVersion}", log, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    /// <summary>govreport-server.dll (built beside this test assembly) as a child process on a free loopback port.</summary>
    private sealed class ServerExecutable : IAsyncDisposable
    {
        private readonly Process process;
        private readonly StringBuilder log = new();

        private ServerExecutable(Process process, int port)
        {
            this.process = process;
            Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        }

        public GrpcChannel Channel { get; }

        /// <summary>/proc/PID/maps of the server when it first answered SERVING (Linux; empty elsewhere).</summary>
        public string MapsWhenServing { get; private set; } = string.Empty;

        public static async Task<ServerExecutable> StartAsync(string dataDir)
        {
            var port = FreePort();
            var server = new ServerExecutable(Start(dataDir, port), port);
            server.Capture();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                try
                {
                    var health = await server.Channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check",
                        new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2)));
                    if (health.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                    {
                        server.MapsWhenServing = OperatingSystem.IsLinux() ? await File.ReadAllTextAsync($"/proc/{server.process.Id}/maps") : string.Empty;
                        return server;
                    }
                }
                catch (Exception e) when (e is RpcException or HttpRequestException)
                {
                    // Not listening yet.
                }

                Assert.False(server.process.HasExited, "server exited:\n" + server.Log());
                Assert.True(DateTime.UtcNow < deadline, "server did not become SERVING within 60 s:\n" + server.Log());
                await Task.Delay(100);
            }
        }

        /// <summary>Runs the server where it is expected not to start; its exit code and output.</summary>
        public static async Task<(int ExitCode, string Log)> RunToExitAsync(string dataDir)
        {
            var server = new ServerExecutable(Start(dataDir, FreePort()), 0);
            server.Capture();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await server.process.WaitForExitAsync(timeout.Token);
            var exitCode = server.process.ExitCode;
            await server.DisposeAsync();
            return (exitCode, server.Log());
        }

        public string Log()
        {
            lock (log)
            {
                return log.ToString();
            }
        }

        public async ValueTask DisposeAsync()
        {
            Channel.Dispose();
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            process.Dispose();
        }

        private static Process Start(string dataDir, int port)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { ServerDll(), "--data-dir", dataDir, "--urls", $"http://127.0.0.1:{port}" })
            {
                start.ArgumentList.Add(arg);
            }

            return Process.Start(start) ?? throw new InvalidOperationException("cannot start the server");
        }

        private void Capture()
        {
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }
        }

        /// <summary>The server built beside this test assembly (artifacts layout: bin/&lt;project&gt;/&lt;configuration&gt;/).</summary>
        private static string ServerDll()
        {
            var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var path = Path.Combine(testDir.Parent!.Parent!.FullName, "GovReport.Server", testDir.Name, "govreport-server.dll");
            Assert.True(File.Exists(path), $"{path} missing: build server/GovReport.Server.csproj");
            return path;
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
