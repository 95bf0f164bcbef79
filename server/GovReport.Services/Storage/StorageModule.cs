using GovReport.Data;
using GovReport.Grpc;
using GovReport.Services.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Storage;

/// <summary>
/// Registers the database (GovReport:Database:Provider / ConnectionString, default a SQLite file in
/// GovReport:DataDir), the stores (scoped, one DbContext per call) and the exception mapper. Nothing touches
/// the database until a store is used; schema creation at start-up (DatabaseInitializer) comes with the
/// report service.
/// </summary>
public sealed class StorageModule : IServerModule
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddGovReportData(DatabaseOptions.FromConfiguration(configuration));
        services.AddSingleton<IExceptionMapper, StorageExceptionMapper>();
    }
}
