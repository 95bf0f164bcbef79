using GovReport.Api.V1;
using GovReport.Grpc;

namespace GovReport.Services.Identity;

[GrpcService("govreport.v1.IdentityService")]
public sealed class IdentityServiceHandler
{
    public Task<User> CreateUser(CreateUserRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListUsersResponse> ListUsers(ListUsersRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<User> GetCurrentUser(GetCurrentUserRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<CreateTokenResponse> CreateToken(CreateTokenRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Token> RevokeToken(RevokeTokenRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));
}
