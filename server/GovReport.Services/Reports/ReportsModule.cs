using GovReport.Services.Hosting;
using GovReport.Services.Reports.Internal;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Reports;

/// <summary>Registers what ReportService keeps between calls: the converted forms of recently used reports.</summary>
public sealed class ReportsModule : IServerModule
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration) =>
        services.AddSingleton<ReportModelCache>();
}
