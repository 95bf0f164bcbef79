using GovReport.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GovReport.Services.Storage;

/// <summary>
/// Runs before the server accepts calls: creates or upgrades the schema, and on first start with an empty
/// database creates the root agency and an admin whose token goes to &lt;data-dir&gt;/admin-token (mode 0600);
/// the path is printed on stderr.
/// </summary>
public sealed class DatabaseStartup(IServiceProvider services, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var dataDir = configuration["GovReport:DataDir"];
        dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir);
        Directory.CreateDirectory(dataDir);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GovReportDbContext>();
        await DatabaseInitializer.InitializeAsync(db, cancellationToken);
        var bootstrap = await DatabaseBootstrap.EnsureAdminAsync(db, dataDir, clock, cancellationToken: cancellationToken);
        if (bootstrap is not null)
        {
            await Console.Error.WriteLineAsync($"首次启动：已创建管理员“{bootstrap.Admin.Name}”，其访问令牌已写入 {bootstrap.TokenFile}（仅所有者可读）");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
