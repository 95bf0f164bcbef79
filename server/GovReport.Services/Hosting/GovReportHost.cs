using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Hosting;

/// <summary>Builds the GovReport server (used by the exe, the embedded client mode and tests).</summary>
public static class GovReportHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds the application: h2c on 127.0.0.1:5080 unless --urls or Kestrel:Endpoints say otherwise,
    /// modules discovered, handlers bound (start-up fails on a missing or mistyped handler method).
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
