using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Services.Admin;

[GrpcService("govreport.v1.AdminService")]
public sealed class AdminServiceHandler
{
    public Task<BackupDatabaseResponse> BackupDatabase(BackupDatabaseRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));
}
