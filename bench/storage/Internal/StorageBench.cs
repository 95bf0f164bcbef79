using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Grpc;
using Grpc.Health.V1;

namespace GovReport.StorageBench.Internal;

/// <summary>
/// Starts the real server (SQLite, durable commits) on loopback, fills it over gRPC and measures: report updates
/// by N concurrent clients (each its own report, chained etags), ListReports with filters and RollUpApplications
/// over the filled database. Every phase is bounded in time or count.
/// </summary>
public static class StorageBench
{
    private const string Cell = "applications.new_received.natural_person";

    // A single-cell save: the request carries the report's name, etag and that one cell.
    private const string OneCellMask = "cells.`" + Cell + "`";

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = IntArg(args, "--clients", 32);
        var seconds = IntArg(args, "--seconds", 10);
        var warmup = IntArg(args, "--warmup", 10);
        var reportCount = IntArg(args, "--reports", 10_000);
        var dataDir = StringArg(args, "--data-dir") ?? Path.Combine(Path.GetTempPath(), "govreport-storagebench-" + Guid.NewGuid().ToString("N"));
        var serverDll = StringArg(args, "--server-dll") ?? FindServerDll();
        Directory.CreateDirectory(dataDir);
        var port = FreePort();
        var address = $"http://127.0.0.1:{port}";
        using var server = Process.Start(new ProcessStartInfo("dotnet", [serverDll, "--data-dir", dataDir, "--urls", address])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        server.BeginErrorReadLine();
        server.BeginOutputReadLine();
        try
        {
            using var channel = GrpcChannel.ForAddress(address);
            await WaitServingAsync(channel);
            var admin = new Client(channel, File.ReadAllText(Path.Combine(dataDir, "admin-token")).Trim());
            var root = (await admin.Call<GetCurrentUserRequest, User>("IdentityService", "GetCurrentUser", new GetCurrentUserRequest())).Agency;
            var seed = await SeedReportAsync(admin);
            Console.WriteLine($"server {address}, data {dataDir}, load average {LoadAverage()}");

            if (args.Contains("--reads-only"))
            {
                // An existing data dir (e.g. the Data benchmarks' 10,000-report database): its root is the city.
                await ReadPhaseAsync(admin, root);
                return 0;
            }

            // --updates full,date,cell,cell-basic (default: all four, in this order).
            var phases = (StringArg(args, "--updates") ?? "full,date,cell,cell-basic").Split(',');
            foreach (var phase in phases)
            {
                var (mask, view) = phase switch
                {
                    "full" => ("cells", ReportView.Unspecified),
                    "date" => ("publication_date", ReportView.Unspecified),
                    "cell" => (OneCellMask, ReportView.Unspecified),
                    "cell-basic" => (OneCellMask, ReportView.Basic),
                    _ => throw new ArgumentException($"unknown update phase {phase}: full, date, cell or cell-basic"),
                };
                await UpdatePhaseAsync(admin, root, seed, clients, seconds, warmup, mask, view, server);
            }

            if (args.Contains("--updates-only"))
            {
                return 0;
            }

            await FillAsync(admin, root, seed, reportCount, clients);
            var city = (await admin.Call<ListAgenciesRequest, ListAgenciesResponse>("AgencyService", "ListAgencies",
                new ListAgenciesRequest { Parent = root, PageSize = 100 })).Agencies.First(a => a.DisplayName == "宁波市");
            await ReadPhaseAsync(admin, city.Name);
            return 0;
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    private static async Task UpdatePhaseAsync(Client admin, string root, Report seed, int clients, int seconds, int warmup, string mask,
        ReportView view, Process server)
    {
        var agency = await admin.Call<CreateAgencyRequest, Agency>("AgencyService", "CreateAgency",
            new CreateAgencyRequest { Parent = root, Agency = new Agency { DisplayName = $"压测局{(mask == OneCellMask ? "单格" : mask)}{(view == ReportView.Basic ? "简" : string.Empty)}", Kind = AgencyKind.Department } });
        // One report per client (years differ), so clients never conflict on an etag.
        var reports = new List<Report>();
        for (var i = 0; i < clients; i++)
        {
            var report = seed.Clone();
            report.ReportYear = 2021 + i;
            reports.Add(await admin.Call<CreateReportRequest, Report>("ReportService", "CreateReport",
                new CreateReportRequest { Parent = agency.Name, Report = report }));
        }

        var latencies = new List<double>[clients];
        // The same load runs for `warmup` seconds first, unmeasured, so tiered JIT and caches reach steady state.
        var measuring = 0;
        var stop = DateTime.UtcNow.AddSeconds(warmup + seconds);
        var tasks = Enumerable.Range(0, clients).Select(i => Task.Run(async () =>
        {
            var mine = new List<double>();
            latencies[i] = mine;
            var report = reports[i];
            var value = 0;
            while (DateTime.UtcNow < stop)
            {
                value++;
                report.CellAt(Cell).Value = value.ToString(CultureInfo.InvariantCulture);
                report.PublicationDate = $"2026-01-{1 + (value % 28):D2}";
                var sent = report;
                if (mask == OneCellMask)
                {
                    sent = new Report { Name = report.Name, Etag = report.Etag };
                    sent.Cells.Add(report.CellAt(Cell));
                }

                var request = new UpdateReportRequest { Report = sent, UpdateMask = new FieldMask(), View = view };
                request.UpdateMask.Paths.Add(mask);
                var measured = Volatile.Read(ref measuring) == 1;
                var start = Stopwatch.GetTimestamp();
                var updated = await admin.Call<UpdateReportRequest, Report>("ReportService", "UpdateReport", request);
                if (measured)
                {
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }

                report.Etag = updated.Etag;
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        // CPU time per update (server process, and this client process) does not depend on how busy the machine is.
        server.Refresh();
        var serverCpu = server.TotalProcessorTime;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, 1);
        await Task.WhenAll(tasks);
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).ToList();
        server.Refresh();
        var serverMs = (server.TotalProcessorTime - serverCpu).TotalMilliseconds / all.Count;
        var clientMs = (Process.GetCurrentProcess().TotalProcessorTime - clientCpu).TotalMilliseconds / all.Count;
        Print($"UpdateReport (mask {mask}{(view == ReportView.Unspecified ? string.Empty : ", view " + view)}), {clients} clients, {seconds} s after {warmup} s warm-up", all, all.Count / elapsed);
        Console.WriteLine($"  CPU per update: server {serverMs:F2} ms, client {clientMs:F2} ms");
    }

    private static async Task FillAsync(Client admin, string root, Report seed, int reportCount, int clients)
    {
        var stopwatch = Stopwatch.StartNew();
        var city = await admin.Call<CreateAgencyRequest, Agency>("AgencyService", "CreateAgency",
            new CreateAgencyRequest { Parent = root, Agency = new Agency { DisplayName = "宁波市", Kind = AgencyKind.Government } });
        const int Districts = 20;
        var districts = new List<Agency>();
        for (var d = 0; d < Districts; d++)
        {
            districts.Add(await admin.Call<CreateAgencyRequest, Agency>("AgencyService", "CreateAgency",
                new CreateAgencyRequest { Parent = city.Name, Agency = new Agency { DisplayName = $"第{d + 1}区", Kind = AgencyKind.Government } }));
        }

        var next = -1;
        var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < reportCount)
            {
                var district = districts[n % Districts];
                var agency = await admin.Call<CreateAgencyRequest, Agency>("AgencyService", "CreateAgency",
                    new CreateAgencyRequest { Parent = district.Name, Agency = new Agency { DisplayName = $"机关{n}", Kind = AgencyKind.Department } });
                var report = seed.Clone();
                report.ReportYear = 2025;
                report.AgencyDisplayName = agency.DisplayName;
                report.CellAt(Cell).Value = (n % 50).ToString(CultureInfo.InvariantCulture);
                await admin.Call<CreateReportRequest, Report>("ReportService", "CreateReport", new CreateReportRequest { Parent = agency.Name, Report = report });
            }
        })).ToArray();
        await Task.WhenAll(workers);
        Console.WriteLine($"filled {reportCount} agencies + reports over gRPC in {stopwatch.Elapsed.TotalSeconds:F1} s, load average {LoadAverage()}");
    }

    private static async Task ReadPhaseAsync(Client admin, string cityName)
    {
        var agencies = await admin.Call<ListAgenciesRequest, ListAgenciesResponse>("AgencyService", "ListAgencies",
            new ListAgenciesRequest { Parent = cityName, PageSize = 100 });
        var city = agencies.Agencies.First(a => a.Name == cityName);
        var district = agencies.Agencies.First(a => a.Parent == city.Name);
        await MeasureAsync("ListReports: city subtree, year 2025, state draft, 50/page", 300, () =>
            admin.Call<ListReportsRequest, ListReportsResponse>("ReportService", "ListReports",
                new ListReportsRequest { Parent = city.Name, Year = 2025, State = Report.Types.State.Draft, PageSize = 50 }));
        await MeasureAsync("ListReports: district subtree, year 2025, has_errors, 50/page", 300, () =>
            admin.Call<ListReportsRequest, ListReportsResponse>("ReportService", "ListReports",
                new ListReportsRequest { Parent = district.Name, Year = 2025, HasErrors = true, PageSize = 50 }));
        foreach (var order in new[] { "agency", "report_year desc", "state", "error_count desc" })
        {
            await MeasureAsync($"ListReports: city subtree, year 2025, order_by {order}, 50/page", 200, () =>
                admin.Call<ListReportsRequest, ListReportsResponse>("ReportService", "ListReports",
                    new ListReportsRequest { Parent = city.Name, Year = 2025, OrderBy = order, PageSize = 50 }));
        }

        var rollup = await admin.Call<RollUpApplicationsRequest, RollUpApplicationsResponse>("ReportService", "RollUpApplications",
            new RollUpApplicationsRequest { Parent = city.Name, Year = 2025 });
        Console.WriteLine($"roll-up covers {rollup.ReportCount} reports, {rollup.Cells.Count} cells");
        await MeasureAsync("RollUpApplications: city, year 2025 (all states)", 200, () =>
            admin.Call<RollUpApplicationsRequest, RollUpApplicationsResponse>("ReportService", "RollUpApplications",
                new RollUpApplicationsRequest { Parent = city.Name, Year = 2025 }));
    }

    private static async Task MeasureAsync<T>(string what, int count, Func<Task<T>> call)
    {
        for (var i = 0; i < 20; i++)
        {
            await call();
        }

        var latencies = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await call();
            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        Print(what, latencies, null);
    }

    private static void Print(string what, List<double> latencies, double? perSecond)
    {
        latencies.Sort();
        double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
        var rate = perSecond is { } r ? $", {r:F0}/s" : string.Empty;
        Console.WriteLine($"{what}: n={latencies.Count}{rate}, p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms, max {latencies[^1]:F2} ms; load average {LoadAverage()}");
    }

    private static async Task<Report> SeedReportAsync(Client admin)
    {
        // A complete 2021-template report with every cell present, built from the template itself.
        var template = await admin.Call<GetTemplateRequest, ReportTemplate>("TemplateService", "GetTemplate", new GetTemplateRequest { Name = "templates/2021" });
        var report = new Report { ReportYear = 2025, Template = Template._2021, AgencyDisplayName = "压测局", AgencyKind = AgencyKind.Department, PublicationDate = "2026-01-20" };
        foreach (var address in CellAddresses(template))
        {
            report.Cells.Add(new Cell { Address = address, Present = true, Value = "0", OriginalText = "0" });
        }

        return report;
    }

    private static IEnumerable<string> CellAddresses(ReportTemplate template) =>
        template.Tables.SelectMany(t => t.Blocks).SelectMany(b => b.Rows).SelectMany(r => r.CellAddresses).Distinct();

    private static async Task WaitServingAsync(GrpcChannel channel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                var health = await channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Check", new HealthCheckRequest());
                if (health.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Exception e) when (e is RpcException or HttpRequestException)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw;
                }
            }

            await Task.Delay(100);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static int IntArg(string[] args, string name, int fallback) =>
        StringArg(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? StringArg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string FindServerDll()
    {
        var own = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var path = Path.Combine(own.Parent!.Parent!.FullName, "GovReport.Server", own.Name, "govreport-server.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("server not built; pass --server-dll", path);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Cell CellAt(this Report report, string address) => report.Cells.First(c => c.Address == address);
}

/// <summary>A channel plus the bearer token.</summary>
internal sealed class Client(GrpcChannel channel, string token)
{
    private readonly Metadata headers = new() { { "authorization", "Bearer " + token } };

    public Task<TResp> Call<TReq, TResp>(string service, string method, TReq request)
        where TReq : class, Google.Protobuf.IMessage<TReq>
        where TResp : class, Google.Protobuf.IMessage<TResp>, new() =>
        channel.UnaryAsync<TReq, TResp>($"/govreport.v1.{service}/{method}", request, new CallOptions(headers));
}
