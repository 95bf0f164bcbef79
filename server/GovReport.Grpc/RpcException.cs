using Google.Protobuf;

namespace GovReport.Grpc;

/// <summary>A call ended with a non-OK status. Thrown by handlers (server) and by the channel (client).</summary>
public class RpcException : Exception
{
    public const string StatusDetailsTrailer = "grpc-status-details-bin";

    public RpcException(Status status)
        : this(status, new Metadata(), null)
    {
    }

    public RpcException(Status status, Metadata trailers)
        : this(status, trailers, null)
    {
    }

    public RpcException(Status status, Metadata trailers, Google.Rpc.Status? richStatus)
        : base(FormatMessage(status))
    {
        Status = status;
        Trailers = trailers ?? new Metadata();
        RichStatus = richStatus;
        HasRichStatus = richStatus is not null;
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.StatusCode;

    public Metadata Trailers { get; }

    /// <summary>The google.rpc.Status sent (or received) in grpc-status-details-bin, if any.</summary>
    public Google.Rpc.Status? RichStatus { get; }

    /// <summary>
    /// Whether <see cref="RichStatus"/> is set, asked without naming google.rpc.Status: the server's status writer
    /// then loads Google.Api.CommonProtos only for calls that fail with details.
    /// </summary>
    internal bool HasRichStatus { get; }

    /// <summary>The google.rpc.Status of this error: <see cref="RichStatus"/>, or decoded from the trailers.</summary>
    public Google.Rpc.Status? GetRpcStatus()
    {
        if (RichStatus is not null)
        {
            return RichStatus;
        }
        var bytes = Trailers.GetValueBytes(StatusDetailsTrailer);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(bytes);
        }
        catch (InvalidProtocolBufferException)
        {
            return null;
        }
    }

    /// <summary>The first detail of type <typeparamref name="T"/> (BadRequest, PreconditionFailure, ErrorInfo, …), or null.</summary>
    public T? GetDetail<T>()
        where T : class, IMessage<T>, new()
    {
        var status = GetRpcStatus();
        if (status is null)
        {
            return null;
        }
        var descriptor = new T().Descriptor;
        foreach (var any in status.Details)
        {
            if (any.Is(descriptor))
            {
                return any.Unpack<T>();
            }
        }
        return null;
    }

    private static string FormatMessage(Status status) =>
        $"Status(StatusCode=\"{status.StatusCode}\", Detail=\"{status.Detail}\")";
}
