using System.Text.RegularExpressions;
using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Services.Templates;

/// <summary>govreport.v1.TemplateService: the two national templates from the registry.</summary>
[GrpcService("govreport.v1.TemplateService")]
public sealed partial class TemplateServiceHandler(TemplateCatalog catalog)
{
    public Task<ListTemplatesResponse> ListTemplates(ListTemplatesRequest request, ServerCallContext context) =>
        Task.FromResult(catalog.List);

    public Task<ReportTemplate> GetTemplate(GetTemplateRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Name;
        if (name.Length > 64 || !NamePattern().IsMatch(name))
        {
            throw RpcErrors.InvalidArgument(
                "INVALID_TEMPLATE_NAME",
                $"模板名称“{Shorten(name)}”格式不正确，应为 templates/2019 或 templates/2021。",
                new FieldViolation("name", "应为 templates/{年份}，例如 templates/2021"));
        }

        return Task.FromResult(catalog.Find(name)
            ?? throw RpcErrors.NotFound("TEMPLATE_NOT_FOUND", $"模板“{name}”不存在：现有模板为 templates/2019（国办公开办函〔2019〕60号）和 templates/2021（国办公开办函〔2021〕30号）。"));
    }

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex("^templates/[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
