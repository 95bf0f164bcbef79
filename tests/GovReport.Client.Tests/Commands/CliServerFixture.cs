using GovReport.Client.Cli;
using GovReport.Services.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Client.Tests.Commands;

/// <summary>A real GovReport server on 127.0.0.1 (port 0) with a private data directory; the admin token read from its file.</summary>
public sealed class CliServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "govreport-cli-tests", Guid.NewGuid().ToString("N"));

    public string Address { get; private set; } = string.Empty;

    public string AdminToken { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(DataDirectory);
        _app = GovReportHost.Build(["--urls", "http://127.0.0.1:0", "--data-dir", DataDirectory]);
        await _app.StartAsync();
        Address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        AdminToken = (await File.ReadAllTextAsync(Path.Combine(DataDirectory, "admin-token"))).Trim();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        TryDelete(DataDirectory);
    }

    /// <summary>Runs `govreport ARGS` in process against this server with <paramref name="token"/> (the admin's by default).</summary>
    public Task<CliRun> RunAsync(string? token, params string[] args) => CliRun.RunAsync([.. args, "--server", Address, "--token", token ?? AdminToken]);

    public Task<CliRun> AdminAsync(params string[] args) => RunAsync(null, args);

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>One in-process run of the real command line: exit code and captured output.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    private static readonly Lazy<string> Seeds = new(() => SeedLocator.Locate());

    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Seed(string name) => Path.Combine(Seeds.Value, name);

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await GovReportCli.RunAsync(args, output, error);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
