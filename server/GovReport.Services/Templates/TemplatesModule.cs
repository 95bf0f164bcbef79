using GovReport.Services.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Templates;

/// <summary>Registers the template catalogue (protobuf form built once).</summary>
public sealed class TemplatesModule : IServerModule
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<TemplateCatalog>();
}
