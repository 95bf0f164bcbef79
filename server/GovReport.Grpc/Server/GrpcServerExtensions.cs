using GovReport.Grpc.Internal;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovReport.Grpc;

/// <summary>Registers and runs the gRPC transport in an ASP.NET Core application.</summary>
public static class GrpcServerExtensions
{
    /// <summary>
    /// Adds the transport and registers every discovered handler class as scoped (unless it is already registered,
    /// which lets a module choose another lifetime). Call it after the modules have registered their services.
    /// </summary>
    public static IServiceCollection AddGrpcTransport(this IServiceCollection services, Action<GrpcServerOptions> configure)
    {
        var options = new GrpcServerOptions();
        configure(options);
        var handlerTypes = ServiceBinder.DiscoverHandlerTypes(options);
        foreach (var type in handlerTypes)
        {
            services.TryAddScoped(type);
        }
        services.AddSingleton(options);
        services.AddSingleton(new ServiceBinder.Registrations(services, handlerTypes));
        services.AddSingleton<ServerRuntime>();
        services.AddSingleton(static provider => provider.GetRequiredService<ServerRuntime>().Registry);
        return services;
    }

    /// <summary>
    /// Terminal middleware answering every request as gRPC. Binds the handlers now, so a missing or mistyped
    /// handler method fails start-up.
    /// </summary>
    public static IApplicationBuilder UseGrpcTransport(this IApplicationBuilder app)
    {
        var runtime = app.ApplicationServices.GetRequiredService<ServerRuntime>();
        app.Run(runtime.HandleAsync);
        return app;
    }
}
