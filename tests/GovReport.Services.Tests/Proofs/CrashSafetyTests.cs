using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Proofs.Internal;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;

namespace GovReport.Services.Tests.Proofs;

/// <summary>
/// Issue 4 "Crash safety": the real server process (govreport-server.dll) is SIGKILLed five times at random
/// moments while four clients update reports. After each restart every acknowledged update is there, SQLite's
/// integrity_check is ok and the audit chain verifies.
/// </summary>
public sealed class CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const int Kills = 5;
    private const int Writers = 4;
    private const string Cell = "applications.new_received.natural_person";

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), "govreport-crash-" + Guid.NewGuid().ToString("N"));
    private readonly StringBuilder serverLog = new();

    [Fact]
    public async Task UpdateReport_ServerKilledRepeatedly_AcknowledgedWritesIntegrityAndAuditSurvive()
    {
        if (ProofServerFixture.OnPostgres)
        {
            // SQLite-specific (integrity_check of the database file); PostgreSQL's durability is its own.
            return;
        }

        Directory.CreateDirectory(dataDir);
        var port = FreePort();
        var address = $"http://127.0.0.1:{port}";
        var random = new Random(4711);
        using var server = await StartAsync(port);
        var process = server;
        using var channel = GrpcChannel.ForAddress(address);
        var admin = new ProofClient(channel, ProofServerFixture.ReadAdminToken(dataDir));
        var root = (await admin.CallAsync<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest())).Agency;
        var agency = await admin.CreateAgencyAsync(root, "断电测试局", AgencyKind.Department);
        var (_, clerkToken) = await admin.CreateUserWithTokenAsync("crash-clerk", GovReport.Api.V1.Role.Clerk, agency.Name);
        var clerk = new ProofClient(channel, clerkToken);
        var seed = (await clerk.ImportSeedAsync(Infrastructure.SeedFiles.Seed003, publicationDate: "2020-01-20")).Report;
        var names = new List<string>();
        for (var year = 2019; year < 2019 + Writers; year++)
        {
            var report = seed.Clone();
            report.ReportYear = year;
            names.Add((await clerk.CreateReportAsync(agency.Name, report)).Name);
        }

        // Per report: the highest value the server acknowledged and the highest value ever sent.
        var acknowledged = new ConcurrentDictionary<string, int>();
        var attempted = new ConcurrentDictionary<string, int>();
        var total = 0;
        for (var kill = 1; kill <= Kills; kill++)
        {
            using var stop = new CancellationTokenSource();
            var writers = names.Select(name => WriteUntilStoppedAsync(clerk, name, acknowledged, attempted, stop.Token)).ToArray();
            // Kill at a random moment after writes are flowing again (the first calls after a restart are slow).
            var before = acknowledged.Values.Sum();
            var flowing = DateTime.UtcNow.AddSeconds(15);
            while (acknowledged.Values.Sum() == before && DateTime.UtcNow < flowing)
            {
                await Task.Delay(20);
            }

            await Task.Delay(random.Next(50, 800));
            process.Kill();
            await process.WaitForExitAsync();
            await stop.CancelAsync();
            total += (await Task.WhenAll(writers)).Sum();
            process.Dispose();

            process = await StartAsync(port);
            foreach (var name in names)
            {
                var stored = int.Parse((await clerk.GetReportAsync(name)).CellAt(Cell).Value, CultureInfo.InvariantCulture);
                var acked = acknowledged.GetValueOrDefault(name);
                Assert.True(stored >= acked && stored <= attempted.GetValueOrDefault(name, acked),
                    $"after kill {kill}: {name} holds {stored}, acknowledged {acked}, last sent {attempted.GetValueOrDefault(name)}");
            }

            Assert.Equal("ok", IntegrityCheck());
            var audit = await admin.VerifyAuditAsync();
            Assert.True(audit.Ok, $"after kill {kill}: {audit.Message} (first bad {audit.FirstBadSequence})");
            output.WriteLine($"kill {kill}: {total} acknowledged updates so far, audit entries {audit.EntryCount}, integrity ok");
        }

        process.Kill();
        await process.WaitForExitAsync();
        process.Dispose();
        Assert.True(total >= Kills, $"only {total} acknowledged updates in {Kills} rounds; server log:\n{serverLog}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // Temp directory; a straggling handle must not fail the run.
        }
    }

    /// <summary>Updates one report until cancelled; returns how many updates were acknowledged.</summary>
    private static async Task<int> WriteUntilStoppedAsync(ProofClient clerk, string name, ConcurrentDictionary<string, int> acknowledged,
        ConcurrentDictionary<string, int> attempted, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var report = await clerk.GetReportAsync(name);
                var next = attempted.AddOrUpdate(name, 1, (_, v) => v + 1);
                var cell = report.CellAt(Cell);
                cell.Present = true;
                cell.Value = next.ToString(CultureInfo.InvariantCulture);
                cell.OriginalText = cell.Value;
                await clerk.UpdateReportAsync(report, "cells");
                acknowledged.AddOrUpdate(name, next, (_, v) => Math.Max(v, next));
                count++;
            }
            catch (RpcException)
            {
                // The server died under the call (UNAVAILABLE/INTERNAL): nothing was acknowledged.
                return count;
            }
            catch (HttpRequestException)
            {
                return count;
            }
        }

        return count;
    }

    private string IntegrityCheck()
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDir, "govreport.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (string)command.ExecuteScalar()!;
    }

    private async Task<Process> StartAsync(int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll());
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var process = Process.Start(start)!;
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                var health = await channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check",
                    new HealthCheckRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(2)));
                if (health.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return process;
                }
            }
            catch (Exception e) when (e is RpcException or HttpRequestException)
            {
                // Not listening yet.
            }

            Assert.False(process.HasExited, $"server exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Log()}");
            Assert.True(DateTime.UtcNow < deadline, "server did not become SERVING within 30 s:\n" + Log());
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (serverLog)
            {
                serverLog.AppendLine(line);
            }
        }
    }

    private string Log()
    {
        lock (serverLog)
        {
            return serverLog.ToString();
        }
    }

    /// <summary>The server built beside this test assembly (artifacts layout: bin/&lt;project&gt;/&lt;configuration&gt;/).</summary>
    private static string ServerDll()
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testDir.Name;
        var bin = testDir.Parent!.Parent!.FullName;
        var candidates = new[] { configuration, "release", "debug" }
            .Select(c => Path.Combine(bin, "GovReport.Server", c, "govreport-server.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("govreport-server.dll not found; build server/GovReport.Server.csproj. Looked at:\n  "
                + string.Join("\n  ", candidates));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
