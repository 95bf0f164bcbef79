using System.Net;
using GovReport.Api.Testing.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GovReport.Grpc.Tests;

/// <summary>Records what the handler saw, so tests can check the server side of cancellation and deadlines.</summary>
public sealed class CallProbe
{
    public TaskCompletionSource<ServerCallContext> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource<bool> TokenCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>An EchoService handler that waits until its token is cancelled and reports it.</summary>
[GrpcService("govreport.testing.v1.EchoService")]
public sealed class ProbeEchoHandler(CallProbe probe)
{
    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        probe.Started.TrySetResult(context);
        await WaitForCancellationAsync(context);
        return new EchoResponse();
    }

    public async Task Expand(ExpandRequest request, IServerStreamWriter<ExpandResponse> responses, ServerCallContext context)
    {
        await responses.WriteAsync(new ExpandResponse { Text = "first" });
        probe.Started.TrySetResult(context);
        await WaitForCancellationAsync(context);
    }

    public async Task<CollectResponse> Collect(IAsyncStreamReader<CollectRequest> requests, ServerCallContext context)
    {
        probe.Started.TrySetResult(context);
        await WaitForCancellationAsync(context);
        return new CollectResponse();
    }

    public async Task Chat(IAsyncStreamReader<ChatRequest> requests, IServerStreamWriter<ChatResponse> responses, ServerCallContext context)
    {
        probe.Started.TrySetResult(context);
        await WaitForCancellationAsync(context);
    }

    private async Task WaitForCancellationAsync(ServerCallContext context)
    {
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (context.CancellationToken.Register(() => cancelled.TrySetResult()))
        {
            await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        probe.TokenCancelled.TrySetResult(true);
        context.CancellationToken.ThrowIfCancellationRequested();
    }
}

/// <summary>The transport alone (no GovReport host) with hand-picked handlers.</summary>
public static class ProbeServer
{
    public static WebApplication Build(Action<GrpcServerOptions> configure, Action<IServiceCollection>? services = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        services?.Invoke(builder.Services);
        builder.Services.AddGrpcTransport(options =>
        {
            options.DescriptorAssemblies.Add(typeof(EchoRequest).Assembly);
            configure(options);
        });
        var app = builder.Build();
        app.UseGrpcTransport();
        return app;
    }

    public static async Task<(TestServer Server, CallProbe Probe)> StartProbeAsync()
    {
        var probe = new CallProbe();
        var app = Build(options => options.HandlerTypes.Add(typeof(ProbeEchoHandler)), services => services.AddSingleton(probe));
        return (await TestServer.StartAsync(app), probe);
    }
}
