namespace GovReport.Grpc;

/// <summary>Reads a stream of messages (server: client-streaming requests; client: streaming responses).</summary>
public interface IAsyncStreamReader<out T>
{
    T Current { get; }

    Task<bool> MoveNext(CancellationToken cancellationToken = default);
}

/// <summary>Writes a stream of messages (server: streaming responses).</summary>
public interface IServerStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}

/// <summary>Writes a stream of requests (client side); <see cref="CompleteAsync"/> half-closes.</summary>
public interface IClientStreamWriter<in T>
{
    Task WriteAsync(T message, CancellationToken cancellationToken = default);

    Task CompleteAsync();
}
