using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GovReport.Grpc;

/// <summary>
/// Answers HTTP/1.x on an HTTP/2-only (h2c) endpoint with 426 Upgrade Required, as grpc-dotnet does, instead of
/// Kestrel's 400. It peeks at the first bytes of each connection and steps aside for anything else (the HTTP/2
/// preface, TLS records), so it costs one read per connection.
/// </summary>
public static class Http1RefusalExtensions
{
    private static readonly byte[] Refusal = BuildRefusal();

    private static readonly string[] Http1Starts = ["GET ", "POST", "PUT ", "HEAD", "OPTI", "DELE", "PATC", "TRAC", "CONN"];

    public static ListenOptions UseHttp1Refusal(this ListenOptions listenOptions)
    {
        listenOptions.Use(next => async connection =>
        {
            var input = connection.Transport.Input;
            ReadResult result;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            {
                try
                {
                    while (true)
                    {
                        result = await input.ReadAsync(timeout.Token).ConfigureAwait(false);
                        if (result.Buffer.Length >= 4 || result.IsCompleted)
                        {
                            break;
                        }
                        input.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                    }
                }
                catch (OperationCanceledException)
                {
                    connection.Abort();
                    return;
                }
            }
            var isHttp1 = LooksLikeHttp1(result.Buffer);
            // Consume nothing: Kestrel reads the same bytes again.
            input.AdvanceTo(result.Buffer.Start);
            if (!isHttp1)
            {
                await next(connection).ConfigureAwait(false);
                return;
            }
            await connection.Transport.Output.WriteAsync(Refusal).ConfigureAwait(false);
        });
        return listenOptions;
    }

    private static bool LooksLikeHttp1(ReadOnlySequence<byte> buffer)
    {
        if (buffer.Length < 4)
        {
            return false;
        }
        Span<byte> start = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(start);
        foreach (var candidate in Http1Starts)
        {
            if (start[0] == candidate[0] && start[1] == candidate[1] && start[2] == candidate[2] && start[3] == candidate[3])
            {
                return true;
            }
        }
        return false;
    }

    private static byte[] BuildRefusal()
    {
        const string Body = "gRPC requires HTTP/2 (h2c prior knowledge or TLS with ALPN h2).\n";
        return Encoding.ASCII.GetBytes(
            "HTTP/1.1 426 Upgrade Required\r\nUpgrade: h2c\r\nConnection: close\r\nContent-Type: text/plain\r\n"
            + $"Content-Length: {Body.Length}\r\n\r\n{Body}");
    }
}
