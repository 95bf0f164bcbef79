using GovReport.Domain.Templates.Internal;

namespace GovReport.Domain.Templates;

/// <summary>The two national templates. Immutable and shared; built once per process.</summary>
public static class TemplateRegistry
{
    public static ReportTemplate Template2019 { get; } = TemplateDefinitions.Build2019();

    public static ReportTemplate Template2021 { get; } = TemplateDefinitions.Build2021();

    public static IReadOnlyList<ReportTemplate> All { get; } = [Template2019, Template2021];

    public static ReportTemplate Get(TemplateId id) => id switch
    {
        TemplateId.Template2019 => Template2019,
        TemplateId.Template2021 => Template2021,
        _ => throw new ArgumentOutOfRangeException(nameof(id), id, "Unknown template."),
    };

    /// <summary>The template a report of this year must use, or null for years before 2019 (free format).</summary>
    public static ReportTemplate? ForYear(int reportYear) => reportYear switch
    {
        < 2019 => null,
        <= 2020 => Template2019,
        _ => Template2021,
    };

    /// <summary>Looks a template up by resource name ("templates/2019").</summary>
    public static ReportTemplate? FindByName(string name)
    {
        foreach (var template in All)
        {
            if (string.Equals(template.Name, name, StringComparison.Ordinal))
            {
                return template;
            }
        }

        return null;
    }
}
