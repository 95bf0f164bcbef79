using GovReport.Grpc;
using Microsoft.Extensions.DependencyInjection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace GovReport.Services.Reflection;

/// <summary>grpc.reflection.v1.ServerReflection (what buf curl, grpcurl and Postman use).</summary>
[GrpcService("grpc.reflection.v1.ServerReflection")]
public sealed class ReflectionV1Handler(IServiceProvider services)
{
    private readonly Lazy<ReflectionIndex> _index = new(() => services.GetRequiredService<ReflectionIndex>());

    public async Task ServerReflectionInfo(IAsyncStreamReader<V1.ServerReflectionRequest> requests, IServerStreamWriter<V1.ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            await responses.WriteAsync(_index.Value.Answer(requests.Current), context.CancellationToken);
        }
    }
}

/// <summary>grpc.reflection.v1alpha.ServerReflection (older clients). Same wire format as v1, so it reuses v1's answers.</summary>
[GrpcService("grpc.reflection.v1alpha.ServerReflection")]
public sealed class ReflectionV1AlphaHandler(IServiceProvider services)
{
    private readonly Lazy<ReflectionIndex> _index = new(() => services.GetRequiredService<ReflectionIndex>());

    public async Task ServerReflectionInfo(IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requests, IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses, ServerCallContext context)
    {
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = V1.ServerReflectionRequest.Parser.ParseFrom(ReflectionIndex.Reserialize(requests.Current));
            var answer = _index.Value.Answer(request);
            await responses.WriteAsync(V1Alpha.ServerReflectionResponse.Parser.ParseFrom(ReflectionIndex.Reserialize(answer)), context.CancellationToken);
        }
    }
}

/// <summary>Reflection handlers are singletons over one index.</summary>
public sealed class ReflectionModule : Hosting.IServerModule
{
    public void ConfigureServices(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddSingleton<ReflectionIndex>();
        services.AddSingleton<ReflectionV1Handler>();
        services.AddSingleton<ReflectionV1AlphaHandler>();
    }
}
