using System.Reflection;

namespace GovReport.Grpc;

/// <summary>Server-side transport options.</summary>
public sealed class GrpcServerOptions
{
    /// <summary>Largest request message accepted, compressed or not (default 4 MiB; null = unlimited).</summary>
    public int? MaxReceiveMessageSize { get; set; } = Internal.Framing.DefaultMaxMessageSize;

    /// <summary>Largest response message sent (default 4 MiB; null = unlimited).</summary>
    public int? MaxSendMessageSize { get; set; } = Internal.Framing.DefaultMaxMessageSize;

    /// <summary>Assemblies scanned for [GrpcService] handler classes.</summary>
    public IList<Assembly> ServiceAssemblies { get; } = [];

    /// <summary>Explicit handler classes (in addition to the scanned ones).</summary>
    public IList<Type> HandlerTypes { get; } = [];

    /// <summary>Assemblies whose generated *Reflection classes provide the proto file and service descriptors.</summary>
    public IList<Assembly> DescriptorAssemblies { get; } = [];

    /// <summary>Return false to leave a discovered handler class out (e.g. test-only services).</summary>
    public Func<Type, bool>? HandlerFilter { get; set; }

    /// <summary>Put the exception message of unexpected handler failures in grpc-message (never in production).</summary>
    public bool EnableDetailedErrors { get; set; }
}
