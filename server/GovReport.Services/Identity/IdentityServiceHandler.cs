using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Domain.Identity;
using GovReport.Grpc;
using GovReport.Services.Storage.Internal;
using DomainRole = GovReport.Domain.Identity.Role;
using DomainUser = GovReport.Domain.Identity.User;
using Role = GovReport.Api.V1.Role;
using User = GovReport.Api.V1.User;

namespace GovReport.Services.Identity;

/// <summary>govreport.v1.IdentityService: users (admins manage them) and API tokens (own ones, or anyone's for admins).</summary>
[GrpcService("govreport.v1.IdentityService")]
public sealed class IdentityServiceHandler(UserStore users, TokenStore tokens, TimeProvider clock)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;
    private static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromDays(90);

    public async Task<User> CreateUser(CreateUserRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        if (request.User is null)
        {
            throw RpcErrors.InvalidArgument("USER_REQUIRED", "请求中缺少用户信息。", new FieldViolation("user", "必须提供"));
        }

        var role = request.User.Role switch
        {
            Role.Clerk => DomainRole.Clerk,
            Role.Reviewer => DomainRole.Reviewer,
            Role.Admin => DomainRole.Admin,
            _ => throw RpcErrors.InvalidArgument("ROLE_REQUIRED", "必须指定用户角色：填报员、审核员或管理员。",
                new FieldViolation("user.role", "必须指定角色")),
        };
        var agencyId = ResourceNames.ParseAgency(request.User.Agency, "user.agency");
        var created = await users.CreateAsync(caller, request.User.Login, request.User.DisplayName, role, agencyId, context.CancellationToken);
        return ToApi(created);
    }

    public async Task<ListUsersResponse> ListUsers(ListUsersRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageUsers, null);
        var pageSize = OffsetPageTokens.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var offset = OffsetPageTokens.Decode(request.PageToken, "users");
        var all = await users.ListAsync(context.CancellationToken);
        var page = all.Skip((int)Math.Min(offset, int.MaxValue)).Take(pageSize).ToList();
        var response = new ListUsersResponse();
        response.Users.AddRange(page.Select(ToApi));
        var next = offset + page.Count;
        response.NextPageToken = next < all.Count ? OffsetPageTokens.Encode(next, "users") : string.Empty;
        return response;
    }

    public async Task<User> GetCurrentUser(GetCurrentUserRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        return ToApi(await users.GetAsync(caller.Actor.UserId, context.CancellationToken));
    }

    public async Task<CreateTokenResponse> CreateToken(CreateTokenRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var userId = ResourceNames.ParseUser(request.Parent, "parent");
        var now = clock.GetUtcNow();
        var lifetime = DefaultTokenLifetime;
        if (request.Token?.ExpireTime is { } expire)
        {
            lifetime = expire.ToDateTimeOffset() - now;
            if (lifetime <= TimeSpan.Zero)
            {
                throw RpcErrors.InvalidArgument("INVALID_EXPIRE_TIME", "令牌的过期时间必须晚于当前时间。",
                    new FieldViolation("token.expire_time", "必须晚于当前时间"));
            }
        }

        var issued = await tokens.IssueAsync(caller, userId, request.Token?.DisplayName ?? string.Empty, lifetime, context.CancellationToken);
        return new CreateTokenResponse { Token = ToApi(issued.Token), Secret = issued.Secret };
    }

    public async Task<Token> RevokeToken(RevokeTokenRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var (userId, tokenId) = ResourceNames.ParseToken(request.Name, "name");
        if (caller.Actor.UserId != userId)
        {
            AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageTokens, null);
        }

        var owned = await tokens.ListAsync(userId, context.CancellationToken);
        if (owned.All(t => t.Id != tokenId))
        {
            throw RpcErrors.NotFound("TOKEN_NOT_FOUND", $"令牌 {request.Name} 不存在。");
        }

        await tokens.RevokeAsync(caller, tokenId, context.CancellationToken);
        var revoked = (await tokens.ListAsync(userId, context.CancellationToken)).Single(t => t.Id == tokenId);
        return ToApi(revoked);
    }

    internal static User ToApi(DomainUser user) => new()
    {
        Name = ResourceNames.User(user.Id),
        Login = user.Name,
        DisplayName = user.DisplayName,
        Role = user.Role switch
        {
            DomainRole.Clerk => Role.Clerk,
            DomainRole.Reviewer => Role.Reviewer,
            DomainRole.Admin => Role.Admin,
            _ => Role.Unspecified,
        },
        Agency = ResourceNames.Agency(user.AgencyId),
    };

    private static Token ToApi(ApiToken token) => new()
    {
        Name = ResourceNames.Token(token.UserId, token.Id),
        DisplayName = token.Name,
        CreateTime = Timestamp.FromDateTimeOffset(token.CreatedAt),
        ExpireTime = Timestamp.FromDateTimeOffset(token.ExpiresAt),
        RevokeTime = token.RevokedAt is { } revoked ? Timestamp.FromDateTimeOffset(revoked) : null,
    };
}
