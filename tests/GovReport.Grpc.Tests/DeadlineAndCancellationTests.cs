using GovReport.Api.Testing.V1;

namespace GovReport.Grpc.Tests;

public sealed class DeadlineAndCancellationTests
{
    private const string Echo = "/govreport.testing.v1.EchoService/Echo";
    private const string Expand = "/govreport.testing.v1.EchoService/Expand";

    [Fact]
    public async Task UnaryAsync_DeadlinePasses_DeadlineExceededAndHandlerTokenCancelled()
    {
        var (server, probe) = await ProbeServer.StartProbeAsync();
        await using (server)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddMilliseconds(300))));

            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
            var context = await probe.Started.Task;
            Assert.NotNull(context.Deadline);
            Assert.True(await probe.TokenCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task UnaryAsync_ClientCancels_CancelledAndHandlerTokenCancelled()
    {
        var (server, probe) = await ProbeServer.StartProbeAsync();
        await using (server)
        {
            using var cancellation = new CancellationTokenSource();
            var call = server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest(), new CallOptions(CancellationToken: cancellation.Token));
            await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));
            cancellation.Cancel();

            var error = await Assert.ThrowsAsync<RpcException>(() => call);
            Assert.Equal(StatusCode.Cancelled, error.StatusCode);
            Assert.True(await probe.TokenCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task ServerStreaming_ClientDisposesCall_HandlerTokenCancelled()
    {
        var (server, probe) = await ProbeServer.StartProbeAsync();
        await using (server)
        {
            var call = server.Channel.ServerStreaming<ExpandRequest, ExpandResponse>(Expand, new ExpandRequest());
            Assert.True(await call.ResponseStream.MoveNext());
            await probe.Started.Task.WaitAsync(TimeSpan.FromSeconds(10));

            call.Dispose();

            Assert.True(await probe.TokenCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task UnaryAsync_DeadlineAlreadyPassed_DeadlineExceededWithoutCall()
    {
        var (server, probe) = await ProbeServer.StartProbeAsync();
        await using (server)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                server.Channel.UnaryAsync<EchoRequest, EchoResponse>(Echo, new EchoRequest(), new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(-1))));

            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
            Assert.False(probe.Started.Task.IsCompleted);
        }
    }
}
