namespace GovReport.Grpc;

/// <summary>Options of a <see cref="GrpcChannel"/>.</summary>
public sealed class GrpcChannelOptions
{
    /// <summary>Largest response message accepted (default 4 MiB; null = unlimited).</summary>
    public int? MaxReceiveMessageSize { get; set; } = Internal.Framing.DefaultMaxMessageSize;

    /// <summary>Largest request message sent (default unlimited, like grpc-dotnet; null = unlimited).</summary>
    public int? MaxSendMessageSize { get; set; }

    /// <summary>Compress every request with gzip unless a call says otherwise.</summary>
    public bool CompressRequests { get; set; }

    /// <summary>Replaces the default SocketsHttpHandler (e.g. a handler that trusts a test certificate).</summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>Dispose <see cref="HttpHandler"/> with the channel (default true).</summary>
    public bool DisposeHttpHandler { get; set; } = true;
}
