using GovReport.Api.V1;

namespace GovReport.Client.Tui;

/// <summary>Calls the report editor needs beyond the report calls: creating the agency a first save goes into.</summary>
public sealed partial class ClientSession
{
    /// <summary>Creates an agency (administrators only) under <paramref name="parent"/> ("" for a root).</summary>
    public Task<Agency> CreateAgencyAsync(string parent, Agency agency, CancellationToken cancellationToken) =>
        CallAsync<CreateAgencyRequest, Agency>(
            "/govreport.v1.AgencyService/CreateAgency", new CreateAgencyRequest { Parent = parent, Agency = agency }, cancellationToken);
}
