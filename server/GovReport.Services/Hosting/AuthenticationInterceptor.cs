using GovReport.Data;
using GovReport.Domain.Identity;
using GovReport.Grpc;
using GovReport.Services.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Services.Hosting;

/// <summary>
/// Authenticates every call by its "authorization: Bearer grt_…" header and puts the caller (<see cref="Caller"/>:
/// user, role, agency, client address) into <see cref="ServerCallContext.Items"/> under <see cref="CallerContext.Key"/>.
/// A token authenticated in the last few seconds is answered by <see cref="TokenAuthenticationCache"/> without
/// touching the call's DbContext; otherwise <see cref="TokenStore"/> reads it (and caches it when valid). Missing,
/// malformed, unknown, expired or revoked tokens are UNAUTHENTICATED (ErrorInfo reason TOKEN_MISSING / TOKEN_INVALID /
/// TOKEN_EXPIRED / TOKEN_REVOKED). Only health checks, reflection and the test-only Echo service are open; every
/// govreport.v1 call, templates and validation included, needs a valid token.
/// Access to individual resources is decided by the handlers with the domain AccessPolicy.
/// </summary>
public sealed class AuthenticationInterceptor(TokenAuthenticationCache cache) : IServerInterceptor
{
    // Services callable without a token ("/package.Service/" prefixes).
    private static readonly string[] OpenPrefixes =
    [
        "/grpc.health.v1.",
        "/grpc.reflection.",
        // EchoService exists only with --enable-test-services (interop suite, h2load transport benchmarks): it reads
        // and stores nothing, and a token there would make those runs measure token lookups, not the transport.
        "/govreport.testing.v1.",
    ];

    // Not async: a cache hit completes without a state machine and hands the handler's ValueTask straight back.
    public ValueTask InterceptAsync(ServerCallContext context, Func<ValueTask> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var open = IsOpen(context.Method);
        var authorization = ReadAuthorization(context);
        if (authorization is null)
        {
            if (!open)
            {
                throw RpcErrors.Unauthenticated("TOKEN_MISSING",
                    "缺少访问令牌：请在请求头 authorization 中提供 “Bearer grt_…” 令牌（首次启动时管理员令牌写在数据目录的 admin-token 文件中）。");
            }

            return next();
        }

        if (cache.TryAuthenticate(BearerSecret(authorization), out var cached))
        {
            Accept(context, cached, open);
            return next();
        }

        return AuthenticateFromStoreAsync(context, authorization, open, next);
    }

    private static async ValueTask AuthenticateFromStoreAsync(ServerCallContext context, string authorization, bool open, Func<ValueTask> next)
    {
        var tokens = context.Services.GetRequiredService<TokenStore>();
        var authentication = await tokens.AuthenticateAsync(BearerSecret(authorization).ToString(), context.CancellationToken);
        Accept(context, authentication, open);
        await next();
    }

    /// <summary>Records the caller, or refuses the call (an open service is served anonymously instead).</summary>
    private static void Accept(ServerCallContext context, Authentication authentication, bool open)
    {
        if (authentication.Succeeded)
        {
            context.Items[CallerContext.Key] = new Caller(authentication.Actor!, context.Peer);
        }
        else if (!open)
        {
            throw authentication.Check switch
            {
                TokenCheck.Expired => RpcErrors.Unauthenticated("TOKEN_EXPIRED", "访问令牌已过期，请重新申请令牌。"),
                TokenCheck.Revoked => RpcErrors.Unauthenticated("TOKEN_REVOKED", "访问令牌已被吊销（或其用户已停用），请重新申请令牌。"),
                _ => RpcErrors.Unauthenticated("TOKEN_INVALID", "访问令牌无效：格式错误或不存在。"),
            };
        }
    }

    private static bool IsOpen(string method)
    {
        foreach (var prefix in OpenPrefixes)
        {
            if (method.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The authorization header's value, or null when the call has none.</summary>
    private static string? ReadAuthorization(ServerCallContext context)
    {
        var authorization = context.HttpContext.Request.Headers.Authorization;
        return authorization.Count == 0 ? null : authorization.ToString();
    }

    /// <summary>The secret in "Bearer SECRET" (or the bare value), as a slice of the header: nothing is copied.</summary>
    private static ReadOnlySpan<char> BearerSecret(string authorization)
    {
        var value = authorization.AsSpan().Trim();
        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : value;
    }
}
