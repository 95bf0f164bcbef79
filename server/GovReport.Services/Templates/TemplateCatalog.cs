using GovReport.Domain.Templates;
using GovReport.Services.Templates.Internal;

namespace GovReport.Services.Templates;

/// <summary>The protobuf form of both templates, built once (singleton) and shared read-only by every call.</summary>
public sealed class TemplateCatalog
{
    public TemplateCatalog()
    {
        All = [.. TemplateRegistry.All.Select(TemplateMapper.ToApi)];
        List = new Api.V1.ListTemplatesResponse();
        List.Templates.Add(All);
    }

    /// <summary>Both templates; treat as read-only.</summary>
    public IReadOnlyList<Api.V1.ReportTemplate> All { get; }

    /// <summary>The cached ListTemplates response; treat as read-only.</summary>
    public Api.V1.ListTemplatesResponse List { get; }

    public Api.V1.ReportTemplate? Find(string name)
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
