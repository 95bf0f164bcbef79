using GovReport.Services.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Health;

/// <summary>The health handler is a singleton: its statuses outlive calls.</summary>
public sealed class HealthModule : IServerModule
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<HealthHandler>();
}
