using System.CommandLine;
using System.Globalization;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;

namespace GovReport.Client.Cli.Commands;

/// <summary>`agency add` and `agency list`: the agency tree.</summary>
internal static class AgencyCommands
{
    private const string Service = "/govreport.v1.AgencyService/";

    public static Command Create(CommandFactory factory)
    {
        var agency = new Command("agency", "管理机关树（add、list）");
        agency.Subcommands.Add(Add(factory));
        agency.Subcommands.Add(List(factory));
        return agency;
    }

    private static Command Add(CommandFactory factory)
    {
        var displayName = new Argument<string>("NAME") { Description = "机关名称，如 北仑区" };
        var parent = new Option<string?>("--parent") { HelpName = "AGENCY", Description = "上级机关，如 agencies/1；不指定则为顶级机关" };
        var kind = new Option<string>("--kind")
        {
            HelpName = "KIND",
            Description = "机关类型：government（人民政府）、department（政府部门）、township（乡镇街道）",
            Required = true,
        };
        var command = new Command("add", "新建机关") { displayName, parent, kind };
        return factory.Bind(command, "agency add", async (context, parse, cancellationToken) =>
        {
            var name = parse.GetValue(displayName)!.Trim();
            if (name.Length == 0)
            {
                throw new CliUsageException("机关名称不能为空。");
            }

            var parentName = parse.GetValue(parent) is { } p ? CliFormat.AgencyName(p, "上级机关") : string.Empty;
            var created = await context.CallAsync<CreateAgencyRequest, Agency>(Service + "CreateAgency", new CreateAgencyRequest
            {
                Parent = parentName,
                Agency = new Agency { DisplayName = name, Kind = CliFormat.ParseKind(parse.GetValue(kind)!), Parent = parentName },
            }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(created);
            }
            else
            {
                var under = string.IsNullOrEmpty(created.Parent) ? "顶级机关" : "上级 " + created.Parent;
                context.WriteLine($"已新建机关 {created.Name}：{created.DisplayName}（{CliFormat.KindName(created.Kind)}，{under}）");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command List(CommandFactory factory)
    {
        var under = new Option<string?>("--under") { HelpName = "AGENCY", Description = "只列出该机关及其下级，如 agencies/2" };
        var command = new Command("list", "按树形列出机关") { under };
        return factory.Bind(command, "agency list", async (context, parse, cancellationToken) =>
        {
            var request = new ListAgenciesRequest
            {
                Parent = parse.GetValue(under) is { } u ? CliFormat.AgencyName(u) : string.Empty,
                PageSize = 500,
            };
            var all = new ListAgenciesResponse();
            do
            {
                var page = await context.CallAsync<ListAgenciesRequest, ListAgenciesResponse>(Service + "ListAgencies", request, cancellationToken).ConfigureAwait(false);
                all.Agencies.AddRange(page.Agencies);
                request.PageToken = page.NextPageToken;
            }
            while (!string.IsNullOrEmpty(request.PageToken));

            if (context.Json)
            {
                context.WriteJson(all);
                return ExitCodes.Ok;
            }

            foreach (var agency in TreeOrder(all.Agencies))
            {
                var indent = new string(' ', 2 * agency.Indent);
                context.WriteLine($"{indent}{agency.Agency.Name}\t{agency.Agency.DisplayName}（{CliFormat.KindName(agency.Agency.Kind)}）");
            }

            context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"共 {all.Agencies.Count} 个机关"));
            return ExitCodes.Ok;
        });
    }

    /// <summary>Depth-first order (children after their parent, siblings by id), whatever order the server pages in.</summary>
    private static List<(Agency Agency, int Indent)> TreeOrder(IReadOnlyCollection<Agency> agencies)
    {
        var byName = agencies.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var children = agencies.ToLookup(a => byName.ContainsKey(a.Parent) ? a.Parent : string.Empty, StringComparer.Ordinal);
        var result = new List<(Agency, int)>(agencies.Count);
        var stack = new Stack<(Agency, int)>();
        foreach (var root in children[string.Empty].OrderByDescending(Id))
        {
            stack.Push((root, 0));
        }

        while (stack.Count > 0)
        {
            var (agency, indent) = stack.Pop();
            result.Add((agency, indent));
            foreach (var child in children[agency.Name].OrderByDescending(Id))
            {
                stack.Push((child, indent + 1));
            }
        }

        return result;
    }

    private static long Id(Agency agency) =>
        long.TryParse(agency.Name.AsSpan(agency.Name.LastIndexOf('/') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : long.MaxValue;
}
