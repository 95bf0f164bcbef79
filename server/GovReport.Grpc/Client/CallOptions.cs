namespace GovReport.Grpc;

/// <summary>Per-call client options.</summary>
/// <param name="Headers">Request metadata.</param>
/// <param name="Deadline">Absolute deadline (UTC); sent as grpc-timeout and enforced locally.</param>
/// <param name="CancellationToken">Cancels the call (the stream is reset).</param>
/// <param name="Compress">Gzip the request messages (grpc-encoding: gzip).</param>
public record struct CallOptions(Metadata? Headers = null, DateTime? Deadline = null, CancellationToken CancellationToken = default, bool Compress = false);
