using Google.Protobuf;
using GovReport.Grpc;

namespace GovReport.Services.Tests.Proofs.Internal;

/// <summary>A GrpcChannel plus one bearer token (or none): what a CLI or TUI session sends.</summary>
public sealed class ProofClient(GrpcChannel channel, string? token)
{
    public string? Token => token;

    public Task<TResp> CallAsync<TReq, TResp>(string service, string method, TReq request, CancellationToken cancellationToken = default)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new()
    {
        Metadata? headers = null;
        if (token is not null)
        {
            headers = new Metadata { { "authorization", "Bearer " + token } };
        }

        return channel.UnaryAsync<TReq, TResp>($"/govreport.v1.{service}/{method}", request,
            new CallOptions(headers, DateTime.UtcNow.AddSeconds(60), cancellationToken));
    }
}
