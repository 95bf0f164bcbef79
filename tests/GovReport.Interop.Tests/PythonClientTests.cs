using System.Text.Json;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>Debian's python3-grpcio (gRPC C core 1.51) against the real server, through peers/python_client.py.</summary>
[Collection(InteropCollection.Name)]
public sealed class PythonClientTests(InteropServerFixture fixture) : PeerClientScenarios(fixture)
{
    private protected override async Task<JsonElement> RunAsync(string scenario, ServerProcess? server = null, string? ca = null)
    {
        var stubs = await Fixture.PythonStubsAsync();
        List<string> arguments =
        [
            Path.Combine(RepoPaths.PeerScripts, "python_client.py"), scenario,
            "--target", (server ?? Fixture.Plain).Target, "--stubs", stubs, "--token", (server ?? Fixture.Plain).AdminToken,
        ];
        if (ca is not null)
        {
            arguments.AddRange(["--ca", ca]);
        }

        // Only Debian's interpreter has python3-grpcio; a pyenv python3 earlier on PATH would not.
        return InteropServerFixture.ParseJson(await ProcessRunner.RunAsync("/usr/bin/python3", arguments));
    }
}
