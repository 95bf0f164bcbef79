namespace GovReport.Grpc;

/// <summary>
/// Raises (or lowers) the request size limit for one handler method or every method of a handler class, e.g. a
/// document upload: <c>[MaxReceiveMessageSize(64 * 1024 * 1024)]</c>. The server-wide default is
/// <see cref="GrpcServerOptions.MaxReceiveMessageSize"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class MaxReceiveMessageSizeAttribute(int bytes) : Attribute
{
    public int Bytes { get; } = bytes;
}
