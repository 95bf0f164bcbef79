using System.Net.Sockets;
using Google.Protobuf;
using GovReport.Grpc;

namespace GovReport.Client.Cli.Shared;

/// <summary>
/// One command's connection: a <see cref="GrpcChannel"/> to --server, or to the embedded server started on
/// --data-dir, with the bearer token resolved as --token, then $GOVREPORT_TOKEN, then (embedded only) the
/// admin token file the server writes on first start.
/// </summary>
internal sealed class CliSession : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    private readonly EmbeddedServerHost? _embedded;
    private readonly Metadata _headers = [];

    private CliSession(GrpcChannel channel, string? token, EmbeddedServerHost? embedded)
    {
        Channel = channel;
        _embedded = embedded;
        if (!string.IsNullOrEmpty(token))
        {
            _headers.Add("authorization", "Bearer " + token);
        }
    }

    public GrpcChannel Channel { get; }

    public static async Task<CliSession> OpenAsync(ConnectionSettings settings, Func<string, string?> environment, CancellationToken cancellationToken)
    {
        var token = NonEmpty(settings.Token) ?? NonEmpty(environment(ConnectionOptions.TokenEnvironmentVariable));
        if (settings.Server is { } server)
        {
            if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                throw new CliUsageException($"服务器地址“{server}”无效，应为 http://主机:端口 或 https://主机:端口。");
            }

            return new CliSession(GrpcChannel.ForAddress(uri), token, null);
        }

        EmbeddedServerHost embedded;
        try
        {
            embedded = await EmbeddedServerHost.StartAsync(settings.DataDirectory, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or SocketException)
        {
            throw new CliUsageException($"无法在数据目录“{settings.DataDirectory}”上启动嵌入式服务器：{ex.Message}", ex);
        }

        token ??= embedded.AdminToken;
        return new CliSession(GrpcChannel.ForAddress(embedded.Address), token, embedded);
    }

    /// <summary>A unary call with the bearer token and a generous deadline; failures throw <see cref="RpcException"/>.</summary>
    public Task<TResp> CallAsync<TReq, TResp>(string fullMethod, TReq request, CancellationToken cancellationToken)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new() =>
        Channel.UnaryAsync<TReq, TResp>(fullMethod, request, new CallOptions(_headers, DateTime.UtcNow.Add(CallTimeout), cancellationToken));

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
