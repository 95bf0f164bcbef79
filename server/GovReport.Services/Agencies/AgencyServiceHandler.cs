using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Services.Agencies;

[GrpcService("govreport.v1.AgencyService")]
public sealed class AgencyServiceHandler
{
    public Task<Agency> CreateAgency(CreateAgencyRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Agency> GetAgency(GetAgencyRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListAgenciesResponse> ListAgencies(ListAgenciesRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));
}
