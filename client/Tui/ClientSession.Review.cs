using GovReport.Api.V1;

namespace GovReport.Client.Tui;

/// <summary>The calls of the review screens: the queue of submitted reports, and the users and tokens an administrator sets up.</summary>
public sealed partial class ClientSession
{
    private const int ReviewPageSize = 500;

    /// <summary>
    /// Every submitted report the caller may see under <paramref name="parent"/> ("" = everything the caller may see), all
    /// pages, oldest submission first. A submitted report cannot change until it is approved or returned (comments do not
    /// touch it), so its update_time is the time it was submitted.
    /// </summary>
    public async Task<IReadOnlyList<Report>> ListSubmittedReportsAsync(string? parent, CancellationToken cancellationToken, int pageSize = ReviewPageSize)
    {
        var reports = new List<Report>();
        var request = new ListReportsRequest { Parent = parent ?? string.Empty, State = Report.Types.State.Submitted, PageSize = pageSize };
        do
        {
            var page = await ListReportsAsync(request, cancellationToken).ConfigureAwait(false);
            reports.AddRange(page.Reports);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        return reports
            .OrderBy(r => r.UpdateTime?.ToDateTimeOffset() ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Creates a user (administrators only).</summary>
    public Task<User> CreateUserAsync(User user, CancellationToken cancellationToken) =>
        CallAsync<CreateUserRequest, User>("/govreport.v1.IdentityService/CreateUser", new CreateUserRequest { User = user }, cancellationToken);

    /// <summary>Issues a token for <paramref name="userName"/> ("users/{id}") and returns its secret (shown only once).</summary>
    public async Task<string> CreateTokenAsync(string userName, string displayName, CancellationToken cancellationToken)
    {
        var response = await CallAsync<CreateTokenRequest, CreateTokenResponse>(
            "/govreport.v1.IdentityService/CreateToken",
            new CreateTokenRequest { Parent = userName, Token = new Token { DisplayName = displayName } },
            cancellationToken).ConfigureAwait(false);
        return response.Secret;
    }
}
