using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Services.Audit;

[GrpcService("govreport.v1.AuditService")]
public sealed class AuditServiceHandler
{
    public Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));
}
