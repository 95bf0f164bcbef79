using Google.Protobuf;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;
using GovReport.Client.Tui.Internal;
using GovReport.Grpc;

namespace GovReport.Client.Tui;

/// <summary>
/// One connection of the full-screen client: a <see cref="GrpcChannel"/> to a remote server (with the token sent as
/// <c>authorization: Bearer</c>) or to the embedded in-process server on 127.0.0.1.
/// </summary>
public sealed partial class ClientSession : IAsyncDisposable
{
    private static readonly TimeSpan CallTimeout = TimeSpan.FromMinutes(2);

    private readonly EmbeddedServerHost? _embedded;
    private readonly string? _token;
    private readonly string? _displayName;

    private ClientSession(GrpcChannel channel, string address, string? token, EmbeddedServerHost? embedded, string? displayName = null)
    {
        _displayName = displayName;
        Channel = channel;
        Address = address;
        _token = token;
        _embedded = embedded;
    }

    /// <summary>The server address, e.g. "http://127.0.0.1:5080".</summary>
    public string Address { get; }

    /// <summary>True when talking to the in-process server.</summary>
    public bool IsEmbedded => _embedded is not null;

    /// <summary>Shown in the title bar: "本机内置服务" or the server address.</summary>
    public string DisplayName => _displayName ?? (IsEmbedded ? "本机内置服务" : Address);

    public GrpcChannel Channel { get; }

    /// <summary>The bearer token sent with every call (for the embedded server: its administrator's token).</summary>
    public string? Token => _token;

    /// <summary>Starts the embedded server (real host, 127.0.0.1, port 0) with its data under <paramref name="dataDirectory"/>.</summary>
    public static async Task<ClientSession> StartEmbeddedAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        var host = await EmbeddedServerHost.StartAsync(dataDirectory, cancellationToken).ConfigureAwait(false);

        // The embedded server's first start creates an admin whose token it writes to the data directory: use it.
        return new ClientSession(GrpcChannel.ForAddress(host.Address), host.Address, host.AdminToken, host);
    }

    /// <summary>Connects to a remote server and checks that it answers (TemplateService/ListTemplates).</summary>
    public static async Task<ClientSession> ConnectAsync(string url, string? token, CancellationToken cancellationToken, string? displayName = null)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new TuiException($"服务器地址无效：“{url}”（应为 http://主机:端口 或 https://主机:端口）");
        }

        var session = new ClientSession(GrpcChannel.ForAddress(url), url, string.IsNullOrWhiteSpace(token) ? null : token.Trim(), null, displayName);
        try
        {
            await session.ListTemplatesAsync(cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await session.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async Task<IReadOnlyList<ReportTemplate>> ListTemplatesAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync<ListTemplatesRequest, ListTemplatesResponse>(
            "/govreport.v1.TemplateService/ListTemplates", new ListTemplatesRequest(), cancellationToken).ConfigureAwait(false);
        return response.Templates;
    }

    public Task<ValidationResult> ValidateAsync(Report report, CancellationToken cancellationToken) =>
        CallAsync<ValidateReportRequest, ValidationResult>(
            "/govreport.v1.ValidationService/ValidateReport", new ValidateReportRequest { Report = report }, cancellationToken);

    public async Task<IReadOnlyList<Rule>> ListRulesAsync(CancellationToken cancellationToken)
    {
        var response = await CallAsync<ListRulesRequest, ListRulesResponse>(
            "/govreport.v1.ValidationService/ListRules", new ListRulesRequest(), cancellationToken).ConfigureAwait(false);
        return response.Rules;
    }

    public Task<ImportReportResponse> ImportAsync(byte[] content, string fileName, CancellationToken cancellationToken) =>
        CallAsync<ImportReportRequest, ImportReportResponse>(
            "/govreport.v1.ValidationService/ImportReport",
            new ImportReportRequest { Content = ByteString.CopyFrom(content), FileName = Path.GetFileName(fileName) },
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One unary call with the session's token and the call timeout; HTTP failures become a Chinese <see cref="TuiException"/>.</summary>
    internal async Task<TResponse> CallAsync<TRequest, TResponse>(string method, TRequest request, CancellationToken cancellationToken)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>, new()
    {
        Metadata? headers = null;
        if (_token is not null)
        {
            headers = new Metadata { { "authorization", "Bearer " + _token } };
        }

        try
        {
            return await Channel.UnaryAsync<TRequest, TResponse>(method, request,
                new CallOptions(headers, DateTime.UtcNow.Add(CallTimeout), cancellationToken, false)).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TuiException($"无法连接服务器 {Address}：{ex.Message}", ex);
        }
    }
}
