using System.Text.Json;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>
/// One real server over h2c and one over TLS (self-signed certificate made here), shared by the peer-client tests.
/// Hostile-input tests start their own server so that they cannot disturb these.
/// </summary>
public sealed class InteropServerFixture : IAsyncLifetime
{
    private readonly Lazy<Task<string>> _pythonStubs;
    private SelfSignedCertificate? _certificate;
    private ServerProcess? _plain;
    private ServerProcess? _tls;

    public InteropServerFixture()
    {
        _pythonStubs = new Lazy<Task<string>>(GeneratePythonStubsAsync);
    }

    internal ServerProcess Plain => _plain ?? throw new InvalidOperationException("not started");

    internal ServerProcess Tls => _tls ?? throw new InvalidOperationException("not started");

    /// <summary>The PEM certificate clients trust for <see cref="Tls"/>.</summary>
    internal string CaPem => _certificate?.PemPath ?? throw new InvalidOperationException("not started");

    /// <summary>Python modules generated from protos/ plus google/rpc, once per test run.</summary>
    internal Task<string> PythonStubsAsync() => _pythonStubs.Value;

    public async Task InitializeAsync()
    {
        _certificate = new SelfSignedCertificate();
        _plain = await ServerProcess.StartPlainAsync();
        _tls = await ServerProcess.StartTlsAsync(_certificate.PfxPath, _certificate.Password);
    }

    public async Task DisposeAsync()
    {
        if (_plain is not null)
        {
            await _plain.DisposeAsync();
        }

        if (_tls is not null)
        {
            await _tls.DisposeAsync();
        }

        _certificate?.Dispose();
        if (_pythonStubs.IsValueCreated && _pythonStubs.Value.IsCompletedSuccessfully)
        {
            Directory.Delete(_pythonStubs.Value.Result, recursive: true);
        }
    }

    /// <summary>Runs a peer client and parses the one JSON object it prints.</summary>
    internal static JsonElement ParseJson(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        var line = result.StdOut.Trim().Split('\n')[^1];
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }

    private static async Task<string> GeneratePythonStubsAsync()
    {
        // Debian's grpc_tools (1.14) bundles a protoc too old for proto3 `optional` (used by
        // google/rpc/error_details.proto), so the stubs come from Debian's protoc 3.21 and grpc_python_plugin.
        var dir = Directory.CreateTempSubdirectory("govreport-pystubs-").FullName;
        var protos = Directory.GetFiles(RepoPaths.Protos, "*.proto", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepoPaths.Protos, path));
        string[] arguments =
        [
            $"-I{RepoPaths.Protos}",
            $"-I{RepoPaths.RequireTool(RepoPaths.GoogleProtos)}",
            $"--python_out={dir}",
            "--plugin=protoc-gen-grpc_python=/usr/bin/grpc_python_plugin",
            $"--grpc_python_out={dir}",
            .. protos,
            "google/rpc/status.proto",
            "google/rpc/error_details.proto",
        ];
        var result = await ProcessRunner.RunAsync("protoc", arguments);
        Assert.True(result.ExitCode == 0, $"protoc failed: {result}");
        return dir;
    }
}

[CollectionDefinition(Name)]
public sealed class InteropCollection : ICollectionFixture<InteropServerFixture>
{
    public const string Name = "Real server, real peers";
}
