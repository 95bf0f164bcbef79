using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Hosting;

/// <summary>
/// An area's DI registrations. Every non-abstract implementation in the GovReport.Services assembly is
/// discovered and called at start-up (it needs a public parameterless constructor).
/// </summary>
public interface IServerModule
{
    void ConfigureServices(IServiceCollection services, IConfiguration configuration);
}
