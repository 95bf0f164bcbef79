using GovReport.Data;
using GovReport.Domain.Validation;
using GovReport.Services.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Validation;

/// <summary>
/// Registers one shared, stateless ReportValidator. The 乡镇/街道 deadline is local policy, so it is configurable:
/// GovReport:Validation:TownshipDeadline = "MM-DD" (default 03-31). Also the narrative fingerprints that V18 uses to
/// compare a stored report with other agencies' reports of the same year.
/// </summary>
public sealed class ValidationModule : IServerModule
{
    public void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        var options = ValidationOptions.Default;
        var deadline = configuration["GovReport:Validation:TownshipDeadline"];
        if (!string.IsNullOrWhiteSpace(deadline)
            && DateOnly.TryParseExact("2000-" + deadline.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
        {
            options = options with { TownshipDeadlineMonth = parsed.Month, TownshipDeadlineDay = parsed.Day };
        }

        services.AddSingleton(new ReportValidator(options));
        services.AddScoped<NarrativeFingerprints>();
    }
}
