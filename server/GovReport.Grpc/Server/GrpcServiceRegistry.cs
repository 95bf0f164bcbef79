using Google.Protobuf.Reflection;

namespace GovReport.Grpc;

/// <summary>What the server binds: read by health, reflection and the "every RPC is bound" test.</summary>
public sealed class GrpcServiceRegistry
{
    internal GrpcServiceRegistry(IReadOnlyList<FileDescriptor> files, IReadOnlyList<ServiceDescriptor> boundServices, IReadOnlyList<string> boundMethods, IReadOnlyList<string> unboundMethods)
    {
        Files = files;
        BoundServices = boundServices;
        BoundMethods = boundMethods;
        UnboundMethods = unboundMethods;
    }

    /// <summary>Every proto file known from the descriptor assemblies (with dependencies).</summary>
    public IReadOnlyList<FileDescriptor> Files { get; }

    /// <summary>Services that have a handler.</summary>
    public IReadOnlyList<ServiceDescriptor> BoundServices { get; }

    /// <summary>"/package.Service/Method" for every bound RPC.</summary>
    public IReadOnlyList<string> BoundMethods { get; }

    /// <summary>"/package.Service/Method" for every RPC declared in the protos but not served.</summary>
    public IReadOnlyList<string> UnboundMethods { get; }
}
