using GovReport.Grpc;

namespace GovReport.Services.Hosting;

/// <summary>
/// Authentication hook (placeholder until accounts land): reads "authorization: Bearer &lt;token&gt;" into
/// <see cref="ServerCallContext.Items"/> under <see cref="BearerTokenKey"/>. It never rejects a call; the
/// authentication area replaces it with a real check.
/// </summary>
public sealed class AuthenticationInterceptor : IServerInterceptor
{
    public const string BearerTokenKey = "govreport.bearer-token";

    public ValueTask InterceptAsync(ServerCallContext context, Func<ValueTask> next)
    {
        var authorization = context.HttpContext.Request.Headers.Authorization;
        if (authorization.Count > 0)
        {
            var value = authorization.ToString();
            if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            {
                context.Items[BearerTokenKey] = value["Bearer ".Length..].Trim();
            }
        }
        return next();
    }
}
