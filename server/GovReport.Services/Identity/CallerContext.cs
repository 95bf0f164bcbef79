using GovReport.Data;
using GovReport.Grpc;

namespace GovReport.Services.Identity;

/// <summary>The authenticated caller of a call, put into <see cref="ServerCallContext.Items"/> by the authentication interceptor.</summary>
public static class CallerContext
{
    public const string Key = "govreport.caller";

    /// <summary>The caller; UNAUTHENTICATED when the call carried no valid token (an open service reached a handler that needs one).</summary>
    public static Caller Require(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Key, out var value) && value is Caller caller
            ? caller
            : throw RpcErrors.Unauthenticated("TOKEN_MISSING", "缺少访问令牌：请在请求头 authorization 中提供 “Bearer grt_…” 令牌。");
    }
}
