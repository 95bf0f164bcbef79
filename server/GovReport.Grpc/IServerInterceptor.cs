namespace GovReport.Grpc;

/// <summary>
/// Cross-cutting server pipeline step (authentication, logging, …). Registered in DI (singleton or scoped) and
/// run in registration order around every handler; call <paramref name="next"/> to continue, or throw an
/// <see cref="RpcException"/> to end the call.
/// </summary>
public interface IServerInterceptor
{
    ValueTask InterceptAsync(ServerCallContext context, Func<ValueTask> next);
}

/// <summary>Maps a domain exception to a gRPC error; return null to pass. Registered in DI.</summary>
public interface IExceptionMapper
{
    RpcException? Map(Exception exception);
}
