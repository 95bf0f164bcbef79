using System.Collections.Concurrent;
using GovReport.Grpc;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace GovReport.Services.Health;

/// <summary>
/// grpc.health.v1.Health. "" (the whole server) and every bound service report SERVING until the server stops;
/// other areas may change a service's status with <see cref="SetStatus"/>. Singleton: Check allocates nothing.
/// </summary>
[GrpcService("grpc.health.v1.Health")]
public sealed class HealthHandler
{
    private const int MaxListedServices = 100;

    private static readonly Task<HealthCheckResponse>[] CachedResponses =
    [
        Task.FromResult(new HealthCheckResponse { Status = ServingStatus.Unknown }),
        Task.FromResult(new HealthCheckResponse { Status = ServingStatus.Serving }),
        Task.FromResult(new HealthCheckResponse { Status = ServingStatus.NotServing }),
        Task.FromResult(new HealthCheckResponse { Status = ServingStatus.ServiceUnknown }),
    ];

    private readonly IServiceProvider _services;
    private readonly ConcurrentDictionary<string, ServingStatus> _statuses = new(StringComparer.Ordinal);
    private readonly Lock _watchersLock = new();
    private readonly List<Action<string, ServingStatus>> _watchers = [];
    private volatile bool _initialized;

    public HealthHandler(IServiceProvider services)
    {
        _services = services;
    }

    /// <summary>Sets the status of <paramref name="service"/> ("" = the whole server) and notifies watchers.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        EnsureInitialized();
        _statuses[service] = status;
        Action<string, ServingStatus>[] watchers;
        lock (_watchersLock)
        {
            watchers = [.. _watchers];
        }
        foreach (var watcher in watchers)
        {
            watcher(service, status);
        }
    }

    /// <summary>Marks everything NOT_SERVING (called when the server begins to stop).</summary>
    public void SetAllNotServing()
    {
        EnsureInitialized();
        foreach (var service in _statuses.Keys)
        {
            SetStatus(service, ServingStatus.NotServing);
        }
    }

    public Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
    {
        EnsureInitialized();
        if (_statuses.TryGetValue(request.Service, out var status))
        {
            return CachedResponses[(int)status];
        }
        throw new RpcException(new Status(StatusCode.NotFound, $"unknown service {request.Service}"));
    }

    public Task<HealthListResponse> List(HealthListRequest request, ServerCallContext context)
    {
        EnsureInitialized();
        if (_statuses.Count > MaxListedServices)
        {
            throw new RpcException(new Status(StatusCode.ResourceExhausted, $"more than {MaxListedServices} services"));
        }
        var response = new HealthListResponse();
        foreach (var (service, status) in _statuses)
        {
            response.Statuses[service] = new HealthCheckResponse { Status = status };
        }
        return Task.FromResult(response);
    }

    public async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responses, ServerCallContext context)
    {
        EnsureInitialized();
        var updates = System.Threading.Channels.Channel.CreateUnbounded<ServingStatus>(new() { SingleReader = true });
        void OnChange(string service, ServingStatus status)
        {
            if (service == request.Service)
            {
                updates.Writer.TryWrite(status);
            }
        }
        lock (_watchersLock)
        {
            _watchers.Add(OnChange);
        }
        try
        {
            var last = _statuses.TryGetValue(request.Service, out var current) ? current : ServingStatus.ServiceUnknown;
            await responses.WriteAsync(new HealthCheckResponse { Status = last }, context.CancellationToken);
            await foreach (var status in updates.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (status != last)
                {
                    last = status;
                    await responses.WriteAsync(new HealthCheckResponse { Status = status }, context.CancellationToken);
                }
            }
        }
        finally
        {
            lock (_watchersLock)
            {
                _watchers.Remove(OnChange);
            }
        }
    }

    private void EnsureInitialized()
    {
        if (_initialized)
        {
            return;
        }
        lock (_watchersLock)
        {
            if (_initialized)
            {
                return;
            }
            // Resolved lazily: the registry is built while this singleton is being bound.
            var registry = _services.GetRequiredService<GrpcServiceRegistry>();
            _statuses.TryAdd("", ServingStatus.Serving);
            foreach (var service in registry.BoundServices)
            {
                _statuses.TryAdd(service.FullName, ServingStatus.Serving);
            }
            _initialized = true;
        }
    }
}
