using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Grpc;
using GovReport.Services.Identity;
using GovReport.Services.Storage.Internal;
using GovReport.Services.Validation;
using DomainAgency = GovReport.Domain.Agencies.Agency;

namespace GovReport.Services.Agencies;

/// <summary>govreport.v1.AgencyService: the agency tree. Any signed-in user may read it; only admins change it.</summary>
[GrpcService("govreport.v1.AgencyService")]
public sealed class AgencyServiceHandler(AgencyStore agencies)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public async Task<Agency> CreateAgency(CreateAgencyRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        if (request.Agency is null)
        {
            throw RpcErrors.InvalidArgument("AGENCY_REQUIRED", "请求中缺少机关信息。", new FieldViolation("agency", "必须提供"));
        }

        long? parentId = string.IsNullOrEmpty(request.Parent) ? null : ResourceNames.ParseAgency(request.Parent, "parent");
        var created = await agencies.CreateAsync(caller, request.Agency.DisplayName, ReportProtoMapper.FromApi(request.Agency.Kind),
            parentId, context.CancellationToken);
        return ToApi(created);
    }

    public async Task<Agency> GetAgency(GetAgencyRequest request, ServerCallContext context)
    {
        CallerContext.Require(context);
        var id = ResourceNames.ParseAgency(request.Name, "name");
        return ToApi(await agencies.GetAsync(id, context.CancellationToken));
    }

    public async Task<ListAgenciesResponse> ListAgencies(ListAgenciesRequest request, ServerCallContext context)
    {
        CallerContext.Require(context);
        var pageSize = OffsetPageTokens.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var subtree = string.IsNullOrEmpty(request.Parent) ? (long?)null : ResourceNames.ParseAgency(request.Parent, "parent");
        var offset = OffsetPageTokens.Decode(request.PageToken, "agencies", subtree);
        var all = await agencies.ListAsync(subtree, context.CancellationToken);
        var page = all.Skip((int)Math.Min(offset, int.MaxValue)).Take(pageSize).ToList();
        var response = new ListAgenciesResponse();
        response.Agencies.AddRange(page.Select(ToApi));
        var next = offset + page.Count;
        response.NextPageToken = next < all.Count ? OffsetPageTokens.Encode(next, "agencies", subtree) : string.Empty;
        return response;
    }

    internal static Agency ToApi(DomainAgency agency) => new()
    {
        Name = ResourceNames.Agency(agency.Id),
        DisplayName = agency.Name,
        Kind = ReportProtoMapper.ToApi(agency.Kind),
        Parent = agency.ParentId is { } parent ? ResourceNames.Agency(parent) : string.Empty,
        // AgencyPath.Depth counts a root as 1; the API counts from 0.
        Depth = agency.Path.Depth - 1,
    };
}
