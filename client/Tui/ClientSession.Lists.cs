using GovReport.Api.V1;

namespace GovReport.Client.Tui;

/// <summary>Calls of the report list and history screens beyond the report calls (CreateAgencyAsync is in ClientSession.Editing.cs).</summary>
public sealed partial class ClientSession
{
    /// <summary>At most this many agencies are read for the agency picker (20 pages of the server's maximum).</summary>
    private const int MaxAgencies = 20_000;

    /// <summary>Every agency the server lists under <paramref name="parent"/> ("" = all), in tree order, following page tokens.</summary>
    public async Task<IReadOnlyList<Agency>> ListAllAgenciesAsync(string parent, CancellationToken cancellationToken)
    {
        var all = new List<Agency>();
        var request = new ListAgenciesRequest { Parent = parent, PageSize = 1000 };
        do
        {
            var page = await ListAgenciesAsync(request, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Agencies);
            request.PageToken = page.NextPageToken;
        }
        while (!string.IsNullOrEmpty(request.PageToken) && all.Count < MaxAgencies);

        return all;
    }

    /// <summary>One page of users (administrators only; others get PERMISSION_DENIED).</summary>
    public Task<ListUsersResponse> ListUsersAsync(ListUsersRequest request, CancellationToken cancellationToken) =>
        CallAsync<ListUsersRequest, ListUsersResponse>("/govreport.v1.IdentityService/ListUsers", request, cancellationToken);
}
