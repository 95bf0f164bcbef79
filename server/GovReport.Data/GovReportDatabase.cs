using GovReport.Data.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovReport.Data;

/// <summary>Builds DbContext options for the configured provider and registers the data services.</summary>
public static class GovReportDatabase
{
    public static void Configure(DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                builder.UseSqlite(SqliteConnectionString(options.ConnectionString));
                builder.AddInterceptors(SqlitePragmaInterceptor.Instance);
                break;
            case DatabaseProvider.Postgres:
                builder.UseNpgsql(options.ConnectionString);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "未知的数据库类型");
        }
    }

    public static DbContextOptions<GovReportDbContext> CreateOptions(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<GovReportDbContext>();
        Configure(builder, options);
        return builder.Options;
    }

    public static GovReportDbContext CreateContext(DatabaseOptions options) => new(CreateOptions(options));

    /// <summary>
    /// Registers the DbContext (pooled, one per call's scope) and the stores; on SQLite also the <see cref="SqliteReadPool"/>
    /// and the <see cref="GroupCommitWriter"/> that report writes share (PostgreSQL commits each write in its own transaction).
    /// </summary>
    public static IServiceCollection AddGovReportData(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton(sp => new GroupCommitWriter(options, sp.GetRequiredService<TimeProvider>()));
            // A factory registration, so the container disposes it (closing its connections) on shutdown.
            services.AddSingleton(_ => new SqliteReadPool(options));
        }

        services.AddSingleton<ReportContentCache>();
        services.AddSingleton(TokenAuthenticationCache.Create);

        // Pooled: a call's scope takes a context that is already built instead of constructing one (the
        // stores leave no state on it: no tracking left behind, no per-context settings).
        services.AddDbContextPool<GovReportDbContext>(builder => Configure(builder, options));
        services.AddScoped<AgencyStore>();
        services.AddScoped<UserStore>();
        services.AddScoped<TokenStore>();
        services.AddScoped<ReportStore>();
        services.AddScoped<AuditLog>();
        services.AddScoped<DatabaseBackup>();
        return services;
    }

    /// <summary>The SQLite connection string EF uses for <paramref name="connectionString"/> (pooling and timeouts as set here).</summary>
    internal static string SqliteConnectionString(string connectionString)
    {
        // Foreign keys are switched on by SqlitePragmaInterceptor once per physical connection: the connection
        // string's "Foreign Keys=True" would run that PRAGMA as a statement on every pooled open.
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Pooling = true,
        };

        // Microsoft.Data.Sqlite retries SQLITE_BUSY for up to the command timeout; 30 s rides out a backup or a burst of writers.
        if (builder.DefaultTimeout < 30)
        {
            builder.DefaultTimeout = 30;
        }

        return builder.ToString();
    }
}
