using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Identity;

namespace GovReport.Services.Tests.Agencies;

public sealed class AgencyServiceTests(AuthenticatedServer server) : IClassFixture<AuthenticatedServer>
{
    [Fact]
    public async Task GetAgency_Office_HasParentAndDepth()
    {
        var office = await server.CallAsync<GetAgencyRequest, Agency>(server.ClerkToken, "AgencyService/GetAgency",
            new GetAgencyRequest { Name = server.Office.Name });

        Assert.Equal("北仑区人民政府办公室", office.DisplayName);
        Assert.Equal(AgencyKind.Department, office.Kind);
        Assert.Equal(server.District.Name, office.Parent);
        Assert.Equal(2, office.Depth);
    }

    [Fact]
    public async Task ListAgencies_SubtreeWithPaging_ReturnsTreeOrderAcrossPages()
    {
        var first = await server.CallAsync<ListAgenciesRequest, ListAgenciesResponse>(server.ReviewerToken, "AgencyService/ListAgencies",
            new ListAgenciesRequest { Parent = server.District.Name, PageSize = 1 });
        var second = await server.CallAsync<ListAgenciesRequest, ListAgenciesResponse>(server.ReviewerToken, "AgencyService/ListAgencies",
            new ListAgenciesRequest { Parent = server.District.Name, PageSize = 1, PageToken = first.NextPageToken });

        Assert.Equal(server.District.Name, Assert.Single(first.Agencies).Name);
        Assert.Equal(server.Office.Name, Assert.Single(second.Agencies).Name);
        Assert.Empty(second.NextPageToken);
    }

    [Fact]
    public async Task ListAgencies_TokenFromOtherQuery_InvalidArgument()
    {
        var first = await server.CallAsync<ListAgenciesRequest, ListAgenciesResponse>(server.AdminToken, "AgencyService/ListAgencies",
            new ListAgenciesRequest { PageSize = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ListAgenciesRequest, ListAgenciesResponse>(server.AdminToken, "AgencyService/ListAgencies",
                new ListAgenciesRequest { Parent = server.District.Name, PageSize = 1, PageToken = first.NextPageToken }));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
    }

    [Fact]
    public async Task CreateAgency_Clerk_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<CreateAgencyRequest, Agency>(server.ClerkToken, "AgencyService/CreateAgency", new CreateAgencyRequest
            {
                Parent = server.Office.Name,
                Agency = new Agency { DisplayName = "某科室", Kind = AgencyKind.Department },
            }));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
        Assert.Equal("ACCESS_DENIED", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task CreateAgency_DuplicateName_AlreadyExists()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<CreateAgencyRequest, Agency>(server.AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
            {
                Parent = server.District.Name,
                Agency = new Agency { DisplayName = "北仑区人民政府办公室", Kind = AgencyKind.Department },
            }));

        Assert.Equal(StatusCode.AlreadyExists, error.Status.StatusCode);
    }
}
