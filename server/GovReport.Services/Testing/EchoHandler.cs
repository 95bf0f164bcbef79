using GovReport.Api.Testing.V1;
using GovReport.Grpc;

namespace GovReport.Services.Testing;

/// <summary>
/// Test-only govreport.testing.v1.EchoService (served only with --enable-test-services). Besides echoing, it
/// copies request header x-echo into a response header and the trailer x-echo-trailer, and x-echo-bin into a
/// response header x-echo-bin and the trailer x-echo-trailer-bin.
/// </summary>
[GrpcService("govreport.testing.v1.EchoService")]
public sealed class EchoHandler
{
    public async Task<EchoResponse> Echo(EchoRequest request, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        await DelayAsync(request.DelayMs, request.IgnoreCancellation, context);
        FailIfAsked(request.FailWithCode);
        return new EchoResponse { Text = request.Text, PayloadBytes = request.PayloadBytes };
    }

    public async Task Expand(ExpandRequest request, IServerStreamWriter<ExpandResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        for (var i = 0; i < request.Count; i++)
        {
            await DelayAsync(request.DelayMs, false, context);
            await responses.WriteAsync(new ExpandResponse { Text = request.Text, Index = i, PayloadBytes = request.PayloadBytes }, context.CancellationToken);
        }
        FailIfAsked(request.FailWithCode);
    }

    public async Task<CollectResponse> Collect(IAsyncStreamReader<CollectRequest> requests, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        var text = new System.Text.StringBuilder();
        var count = 0;
        while (await requests.MoveNext(context.CancellationToken))
        {
            FailIfAsked(requests.Current.FailWithCode);
            text.Append(requests.Current.Text);
            count++;
        }
        return new CollectResponse { Text = text.ToString(), Count = count };
    }

    public async Task Chat(IAsyncStreamReader<ChatRequest> requests, IServerStreamWriter<ChatResponse> responses, ServerCallContext context)
    {
        await EchoMetadataAsync(context);
        while (await requests.MoveNext(context.CancellationToken))
        {
            var request = requests.Current;
            await DelayAsync(request.DelayMs, false, context);
            FailIfAsked(request.FailWithCode);
            await responses.WriteAsync(new ChatResponse { Text = request.Text, PayloadBytes = request.PayloadBytes }, context.CancellationToken);
        }
    }

    private static async Task EchoMetadataAsync(ServerCallContext context)
    {
        var echo = context.GetRequestHeader("x-echo");
        var echoBin = context.GetRequestHeader("x-echo-bin");
        if (echo is null && echoBin is null)
        {
            return;
        }
        var headers = new Metadata();
        if (echo is not null)
        {
            // Kestrel accepts Latin-1 request headers, but gRPC metadata values are printable ASCII only.
            foreach (var c in echo.Value)
            {
                if (c < 0x20 || c > 0x7E)
                {
                    throw RpcErrors.InvalidArgument("METADATA_NOT_ASCII", "x-echo 的值必须是可打印的 ASCII 字符", new FieldViolation("x-echo", "只允许 0x20–0x7E"));
                }
            }
            headers.Add("x-echo", echo.Value);
            context.ResponseTrailers.Add("x-echo-trailer", echo.Value);
        }
        if (echoBin is not null)
        {
            headers.Add("x-echo-bin", echoBin.ValueBytes);
            context.ResponseTrailers.Add("x-echo-trailer-bin", echoBin.ValueBytes);
        }
        await context.WriteResponseHeadersAsync(headers);
    }

    private static Task DelayAsync(int delayMs, bool ignoreCancellation, ServerCallContext context) =>
        delayMs <= 0 ? Task.CompletedTask : Task.Delay(delayMs, ignoreCancellation ? CancellationToken.None : context.CancellationToken);

    private static void FailIfAsked(int code)
    {
        if (code == 0)
        {
            return;
        }
        var badRequest = new Google.Rpc.BadRequest();
        badRequest.FieldViolations.Add(new Google.Rpc.BadRequest.Types.FieldViolation { Field = "fail_with_code", Description = $"请求要求以状态码 {code} 失败" });
        throw RpcErrors.Create((StatusCode)code, "ECHO_REQUESTED_FAILURE", "按请求返回错误", badRequest);
    }
}
