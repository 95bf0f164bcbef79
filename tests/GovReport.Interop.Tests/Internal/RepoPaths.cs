using System.Reflection;

namespace GovReport.Interop.Tests.Internal;

/// <summary>Where the repository, the server build output and the installed peer tools are (baked in at build time).</summary>
internal static class RepoPaths
{
    public static string Root { get; } = Metadata("RepoRoot");

    public static string ServerDll { get; } = Metadata("ServerDll");

    public static string Protos => Path.Combine(Root, "protos");

    public static string PeerScripts => Path.Combine(Root, "tests", "GovReport.Interop.Tests", "peers");

    /// <summary>npm tools installed by tests/run.sh (buf, @grpc/grpc-js, @grpc/proto-loader, google-proto-files).</summary>
    public static string NodeModules => Path.Combine(Root, "tests", ".tools", "node", "node_modules");

    /// <summary>google/rpc/status.proto and error_details.proto, from the google-proto-files npm package.</summary>
    public static string GoogleProtos => Path.Combine(NodeModules, "google-proto-files");

    public static string Buf => Path.Combine(NodeModules, ".bin", "buf");

    public static string RequireTool(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new InvalidOperationException($"{path} is missing: run `bash tests/run.sh` once, which installs the interop tools.");
        }

        return path;
    }

    private static string Metadata(string key)
    {
        foreach (var attribute in typeof(RepoPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
        {
            if (attribute.Key == key && attribute.Value is not null)
            {
                return attribute.Value;
            }
        }

        throw new InvalidOperationException($"assembly metadata {key} missing");
    }
}
