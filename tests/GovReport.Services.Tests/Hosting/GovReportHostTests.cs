using GovReport.Grpc;
using GovReport.Services.Health;
using GovReport.Services.Hosting;
using GovReport.Services.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Tests.Hosting;

public sealed class GovReportHostTests
{
    [Fact]
    public void DiscoverModules_ServicesAssembly_FindsHealthAndReflectionModules()
    {
        var modules = GovReportHost.DiscoverModules();

        Assert.Contains(modules, module => module is HealthModule);
        Assert.Contains(modules, module => module is ReflectionModule);
    }

    [Fact]
    public async Task Build_DefaultArguments_DefaultDataDirAndNoTestServices()
    {
        await using var app = GovReportHost.Build([]);

        Assert.Equal(Path.GetFullPath("data"), app.Configuration[GovReportHost.DataDirKey]);
        var registry = app.Services.GetRequiredService<GrpcServiceRegistry>();
        Assert.DoesNotContain(registry.BoundServices, service => service.FullName == "govreport.testing.v1.EchoService");
        Assert.Contains(registry.BoundServices, service => service.FullName == "grpc.health.v1.Health");
    }

    [Fact]
    public async Task Build_ConfigureCallback_RunsAfterModulesSoItCanOverride()
    {
        var replaced = false;
        await using var app = GovReportHost.Build(["--urls", "http://127.0.0.1:0"], services =>
        {
            replaced = services.Any(descriptor => descriptor.ServiceType == typeof(HealthHandler));
        });

        Assert.True(replaced);
        Assert.NotNull(app.Services.GetService<HealthHandler>());
    }
}
