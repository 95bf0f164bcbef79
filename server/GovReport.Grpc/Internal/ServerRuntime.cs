using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace GovReport.Grpc.Internal;

/// <summary>The server's shared state and the request dispatcher (terminal middleware).</summary>
internal sealed class ServerRuntime
{
    public static readonly StringValues GrpcContentType = new("application/grpc");
    public static readonly StringValues StatusOk = new("0");
    public static readonly StringValues GzipValue = new(Framing.Gzip);
    public static readonly StringValues SupportedEncodingsValue = new(Framing.SupportedEncodings);

    private static readonly StringValues[] StatusValues = CreateStatusValues();

    // A plain Dictionary, not a FrozenDictionary: Frozen lives in System.Collections.Immutable, whose load and
    // set-up cost ~1 MiB of resident memory for a lookup that is no measurable part of a call.
    private readonly Dictionary<string, ServerMethod> _methods;
    private readonly IServiceCollectionInterceptors _interceptors;

    public ServerRuntime(GrpcServerOptions options, ServiceBinder.Registrations registrations, IServiceProvider services, ILoggerFactory loggerFactory, IHostApplicationLifetime lifetime)
    {
        Options = options;
        MaxReceive = options.MaxReceiveMessageSize ?? int.MaxValue;
        MaxSend = options.MaxSendMessageSize ?? int.MaxValue;
        Logger = loggerFactory.CreateLogger("GovReport.Grpc.Server");
        Stopping = lifetime.ApplicationStopping;
        var (methods, registry) = ServiceBinder.Bind(options, registrations, services);
        _methods = methods;
        Registry = registry;
        _interceptors = new IServiceCollectionInterceptors(registrations.Services, services);
    }

    public GrpcServerOptions Options { get; }

    public GrpcServiceRegistry Registry { get; }

    public int MaxReceive { get; }

    public int MaxSend { get; }

    public ILogger Logger { get; }

    public CancellationToken Stopping { get; }

    /// <summary>Interceptors for a call: a shared array when all are singletons, else resolved from the call scope; null when none.</summary>
    public IServerInterceptor[]? GetInterceptors(HttpContext httpContext) => _interceptors.Get(httpContext);

    public static StringValues StatusValue(StatusCode code) =>
        (uint)code < (uint)StatusValues.Length ? StatusValues[(int)code] : new StringValues(((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task HandleAsync(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            // gRPC needs HTTP/2 (trailers, full duplex); grpc-dotnet answers HTTP/1.x the same way.
            httpContext.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            httpContext.Response.Headers.Upgrade = "h2";
            httpContext.Response.Headers.Connection = "Upgrade";
            return Task.CompletedTask;
        }
        if (!IsGrpcContentType(request.ContentType))
        {
            httpContext.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return Task.CompletedTask;
        }
        if (!HttpMethods.IsPost(request.Method))
        {
            httpContext.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            httpContext.Response.Headers.Allow = "POST";
            return Task.CompletedTask;
        }
        var path = request.Path.Value ?? "";
        if (_methods.TryGetValue(path, out var method))
        {
            return method.HandleAsync(httpContext, this);
        }
        WriteUnimplemented(httpContext, path);
        return Task.CompletedTask;
    }

    private void WriteUnimplemented(HttpContext httpContext, string path)
    {
        var slash = path.LastIndexOf('/');
        var service = slash > 0 ? path[1..slash] : "";
        var known = false;
        foreach (var candidate in Registry.BoundServices)
        {
            if (candidate.FullName == service)
            {
                known = true;
                break;
            }
        }
        var message = known
            ? $"unknown method {path[(slash + 1)..]} for service {service}"
            : $"unknown service {(service.Length > 0 ? service : path)}";
        Logger.LogDebug("gRPC {Path}: UNIMPLEMENTED ({Message})", path, message);
        var response = httpContext.Response;
        response.ContentType = GrpcContentType;
        response.Headers.GrpcStatus = StatusValue(StatusCode.Unimplemented);
        response.Headers.GrpcMessage = MetadataCodec.PercentEncode(message);
    }

    public static bool IsGrpcContentType(string? contentType)
    {
        const string Grpc = "application/grpc";
        if (contentType is null || !contentType.StartsWith(Grpc, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (contentType.Length == Grpc.Length)
        {
            return true;
        }
        var next = contentType[Grpc.Length];
        return next == '+' || next == ';';
    }

    private static StringValues[] CreateStatusValues()
    {
        var values = new StringValues[17];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = new StringValues(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return values;
    }

    /// <summary>Resolves interceptors cheaply: once if all are singletons, else per call.</summary>
    private sealed class IServiceCollectionInterceptors
    {
        private readonly IServerInterceptor[]? _shared;
        private readonly bool _perCall;

        public IServiceCollectionInterceptors(IServiceCollection services, IServiceProvider root)
        {
            var any = false;
            var allSingleton = true;
            foreach (var descriptor in services)
            {
                if (descriptor.ServiceType == typeof(IServerInterceptor))
                {
                    any = true;
                    allSingleton &= descriptor.Lifetime == ServiceLifetime.Singleton;
                }
            }
            if (!any)
            {
                return;
            }
            if (allSingleton)
            {
                _shared = root.GetServices<IServerInterceptor>().ToArray();
            }
            else
            {
                _perCall = true;
            }
        }

        public IServerInterceptor[]? Get(HttpContext httpContext) =>
            _perCall ? httpContext.RequestServices.GetServices<IServerInterceptor>().ToArray() : _shared;
    }
}
