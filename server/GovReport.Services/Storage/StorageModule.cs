using GovReport.Data;
using GovReport.Grpc;
using GovReport.Services.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GovReport.Services.Storage;

/// <summary>
/// Registers the database (GovReport:Database:Provider / ConnectionString, default a SQLite file in
/// GovReport:DataDir), the stores (scoped, one DbContext per call), the exception mapper and the start-up
/// step that creates the schema and the first admin (<see cref="DatabaseStartup"/>).
/// </summary>
public sealed class StorageModule : IServerModule
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddGovReportData(DatabaseOptions.FromConfiguration(configuration));
        services.AddSingleton<IExceptionMapper, StorageExceptionMapper>();
        services.AddHostedService<DatabaseStartup>();
    }
}
