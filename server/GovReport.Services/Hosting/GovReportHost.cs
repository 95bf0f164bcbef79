using System.Globalization;
using GovReport.Grpc;
using GovReport.Services.Health;
using GovReport.Services.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace GovReport.Services.Hosting;

/// <summary>Builds the GovReport server (used by the exe, the embedded client mode and tests).</summary>
public static class GovReportHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";
    public const string DataDirKey = "GovReport:DataDir";
    public const string EnableTestServicesKey = "GovReport:EnableTestServices";
    public const string TestingNamespace = "GovReport.Services.Testing";

    /// <summary>
    /// Builds the application: h2c on 127.0.0.1:5080 unless --urls or Kestrel:Endpoints say otherwise, modules
    /// discovered, handlers bound (start-up fails on a missing or mistyped handler method).
    /// Extra switches: --data-dir DIR (GovReport:DataDir, default ./data), --enable-test-services.
    /// With <paramref name="setUpStorage"/> false the caller has already run <see cref="SetUpStorageAsync"/> for
    /// the same arguments (the server executable does so in a child process, see server/README.md).
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configure = null, bool setUpStorage = true)
    {
        var builder = WebApplication.CreateSlimBuilder(TranslateArgs(args));
        var configuration = builder.Configuration;
        if (string.IsNullOrEmpty(configuration[DataDirKey]))
        {
            configuration[DataDirKey] = Path.GetFullPath("data");
        }
        var enableTestServices = ReadBool(configuration, EnableTestServicesKey, false);

        // Only where TLS can be configured: the HTTPS set-up looks for a default certificate at every start and
        // keeps the X.509 code resident, which the default (h2c on loopback) never uses.
        if (MayUseTls(configuration))
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // h2c needs HTTP/2-only endpoints: with Http1AndHttp2 a cleartext endpoint speaks HTTP/1.1 only.
            kestrel.ConfigureEndpointDefaults(listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                listen.UseHttp1Refusal();
            });
        });
        if (string.IsNullOrEmpty(configuration["urls"]) && !configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Logging.ClearProviders();
        if (string.Equals(configuration["GovReport:LogFormat"], "json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.AddJsonConsole();
        }
        else
        {
            builder.Logging.AddSimpleConsole(options =>
            {
                options.SingleLine = true;
                options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
                options.UseUtcTimestamp = true;
            });
        }
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A flood of failing calls must not make request threads wait for the console.
        builder.Services.Configure<ConsoleLoggerOptions>(options => options.QueueFullMode = ConsoleLoggerQueueFullMode.DropWrite);

        builder.Services.Configure<HostOptions>(options =>
            options.ShutdownTimeout = TimeSpan.FromSeconds(ReadInt(configuration, "GovReport:ShutdownGraceSeconds") ?? 5));

        foreach (var module in DiscoverModules())
        {
            module.ConfigureServices(builder.Services, configuration);
        }
        builder.Services.AddSingleton<IServerInterceptor, AuthenticationInterceptor>();
        if (!setUpStorage)
        {
            builder.Services.Remove(builder.Services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(DatabaseStartup)));
        }
        configure?.Invoke(builder.Services);

        var servicesAssembly = typeof(GovReportHost).Assembly;
        builder.Services.AddGrpcTransport(options =>
        {
            options.ServiceAssemblies.Add(servicesAssembly);
            options.DescriptorAssemblies.Add(typeof(global::Grpc.Health.V1.HealthReflection).Assembly);
            options.HandlerFilter = type => enableTestServices || type.Namespace != TestingNamespace;
            options.MaxReceiveMessageSize = ReadInt(configuration, "GovReport:MaxReceiveMessageSize") ?? options.MaxReceiveMessageSize;
            options.MaxSendMessageSize = ReadInt(configuration, "GovReport:MaxSendMessageSize") ?? options.MaxSendMessageSize;
            options.EnableDetailedErrors = ReadBool(configuration, "GovReport:EnableDetailedErrors", false);
        });

        var app = builder.Build();
        app.UseGrpcTransport();
        var health = app.Services.GetRequiredService<HealthHandler>();
        app.Lifetime.ApplicationStopping.Register(health.SetAllNotServing);
        return app;
    }

    /// <summary>
    /// Runs only the storage set-up the server would run at start (<see cref="DatabaseStartup"/>: schema created
    /// or upgraded, first admin) for these arguments, then returns without listening.
    /// </summary>
    public static async Task SetUpStorageAsync(string[] args, CancellationToken cancellationToken = default)
    {
        await using var app = Build(args);
        await app.Services.GetServices<IHostedService>().OfType<DatabaseStartup>().Single().StartAsync(cancellationToken);
    }

    /// <summary>Every IServerModule in GovReport.Services, in a stable order.</summary>
    public static IReadOnlyList<IServerModule> DiscoverModules()
    {
        var modules = new List<IServerModule>();
        foreach (var type in typeof(GovReportHost).Assembly.GetTypes().OrderBy(type => type.FullName, StringComparer.Ordinal))
        {
            if (type.IsClass && !type.IsAbstract && typeof(IServerModule).IsAssignableFrom(type))
            {
                modules.Add((IServerModule)Activator.CreateInstance(type)!);
            }
        }
        return modules;
    }

    /// <summary>Maps our switches onto configuration keys the command-line provider understands.</summary>
    /// <summary>Whether the configuration can ask for TLS: an https URL, or Kestrel endpoints or certificates.</summary>
    internal static bool MayUseTls(IConfiguration configuration) =>
        (configuration["urls"] ?? string.Empty).Contains("https", StringComparison.OrdinalIgnoreCase)
        || !string.IsNullOrEmpty(configuration["https_ports"])
        || configuration.GetSection("Kestrel:Endpoints").Exists()
        || configuration.GetSection("Kestrel:Certificates").Exists();

    // Plain invariant parsing instead of ConfigurationBinder.GetValue, which loads TypeDescriptor and its
    // converters (about 1 MiB that stays resident) for four settings.
    private static bool ReadBool(IConfiguration configuration, string key, bool fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : bool.TryParse(text.Trim(), out var value) ? value
        : throw new InvalidOperationException($"配置项 {key} 的值“{text}”无效，应为 true 或 false");

    private static int? ReadInt(IConfiguration configuration, string key) =>
        configuration[key] is not { Length: > 0 } text ? null
        : int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw new InvalidOperationException($"配置项 {key} 的值“{text}”无效，应为整数");

    internal static string[] TranslateArgs(string[] args)
    {
        // No reload of appsettings on change: that watcher watches the whole working directory tree, which
        // usually holds ./data, so every SQLite write woke it (2% of the server's CPU under a write load).
        var result = new List<string>(args.Length + 1) { "--hostBuilder:reloadConfigOnChange=false" };
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--enable-test-services")
            {
                result.Add($"--{EnableTestServicesKey}=true");
            }
            else if (arg == "--data-dir" && i + 1 < args.Length)
            {
                result.Add($"--{DataDirKey}={args[++i]}");
            }
            else if (arg.StartsWith("--data-dir=", StringComparison.Ordinal))
            {
                result.Add($"--{DataDirKey}={arg["--data-dir=".Length..]}");
            }
            else
            {
                result.Add(arg);
            }
        }
        return [.. result];
    }
}
