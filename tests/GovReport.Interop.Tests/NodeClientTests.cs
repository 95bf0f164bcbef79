using System.Text.Json;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>@grpc/grpc-js with @grpc/proto-loader (protos loaded at run time) against the real server, through peers/node_client.js.</summary>
[Collection(InteropCollection.Name)]
public sealed class NodeClientTests(InteropServerFixture fixture) : PeerClientScenarios(fixture)
{
    private protected override async Task<JsonElement> RunAsync(string scenario, ServerProcess? server = null, string? ca = null)
    {
        List<string> arguments =
        [
            Path.Combine(RepoPaths.PeerScripts, "node_client.js"), scenario,
            "--target", (server ?? Fixture.Plain).Target,
            "--protos", RepoPaths.Protos,
            "--google-protos", RepoPaths.RequireTool(RepoPaths.GoogleProtos),
            "--token", (server ?? Fixture.Plain).AdminToken,
        ];
        if (ca is not null)
        {
            arguments.AddRange(["--ca", ca]);
        }

        var environment = new Dictionary<string, string> { ["NODE_PATH"] = RepoPaths.NodeModules };
        return InteropServerFixture.ParseJson(await ProcessRunner.RunAsync("node", arguments, environment: environment));
    }
}
