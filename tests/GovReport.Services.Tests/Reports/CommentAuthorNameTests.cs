using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Identity;

namespace GovReport.Services.Tests.Reports;

/// <summary>
/// Comments and history events name their author for every reader of the report, not only administrators (ListUsers
/// is admin-only), over gRPC on the real server.
/// </summary>
public sealed class CommentAuthorNameTests(AuthenticatedServer server) : IClassFixture<AuthenticatedServer>
{
    [Fact]
    public async Task ListComments_ClerkReadsReviewersComment_CarriesAuthorDisplayName()
    {
        var (clerkToken, reviewer, reviewerToken, report) = await ArrangeAsync("list");

        var created = await CommentAsync(reviewerToken, report, "请核对自然人总计");
        var listed = await server.CallAsync<ListCommentsRequest, ListCommentsResponse>(clerkToken, "ReportService/ListComments",
            new ListCommentsRequest { Parent = report.Name });

        Assert.Equal("李审核员", created.AuthorDisplayName);
        var comment = Assert.Single(listed.Comments);
        Assert.Equal(reviewer.Name, comment.Author);
        Assert.Equal("李审核员", comment.AuthorDisplayName);

        // The name is all a clerk learns: the user list stays closed to them.
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<ListUsersRequest, ListUsersResponse>(clerkToken, "IdentityService/ListUsers", new ListUsersRequest()));
        Assert.Equal(StatusCode.PermissionDenied, refused.Status.StatusCode);
    }

    [Fact]
    public async Task ListReportEvents_Clerk_EveryEventCarriesActorDisplayName()
    {
        var (clerkToken, reviewer, reviewerToken, report) = await ArrangeAsync("events");
        await CommentAsync(reviewerToken, report, "整体请再核对");
        await CommentAsync(clerkToken, report, "已核对");

        var events = (await server.CallAsync<ListReportEventsRequest, ListReportEventsResponse>(clerkToken, "ReportService/ListReportEvents",
            new ListReportEventsRequest { Name = report.Name })).Events;

        Assert.Equal(
            [("created", "张填报员"), ("commented", "李审核员"), ("commented", "张填报员")],
            events.Select(e => (e.Action, e.ActorDisplayName)));
        Assert.Equal(reviewer.Name, events[1].Actor);
    }

    /// <summary>A new office with a clerk 张填报员 and its report (seed 000), and a reviewer 李审核员 at the district above.</summary>
    private async Task<(string ClerkToken, User Reviewer, string ReviewerToken, Report Report)> ArrangeAsync(string name)
    {
        var office = await server.CallAsync<CreateAgencyRequest, Agency>(server.AdminToken, "AgencyService/CreateAgency", new CreateAgencyRequest
        {
            Parent = server.District.Name,
            Agency = new Agency { DisplayName = "作者名称办公室-" + name, Kind = AgencyKind.Department },
        });
        var (_, clerkToken) = await UserAsync("author-clerk-" + name, "张填报员", Role.Clerk, office.Name);
        var (reviewer, reviewerToken) = await UserAsync("author-reviewer-" + name, "李审核员", Role.Reviewer, server.District.Name);
        var report = await server.CallAsync<CreateReportRequest, Report>(clerkToken, "ReportService/CreateReport",
            new CreateReportRequest { Parent = office.Name, Report = await server.ImportSeedAsync() });
        return (clerkToken, reviewer, reviewerToken, report);
    }

    private async Task<(User User, string Token)> UserAsync(string login, string displayName, Role role, string agency)
    {
        var user = await server.CallAsync<CreateUserRequest, User>(server.AdminToken, "IdentityService/CreateUser", new CreateUserRequest
        {
            User = new User { Login = login, DisplayName = displayName, Role = role, Agency = agency },
        });
        var token = await server.CallAsync<CreateTokenRequest, CreateTokenResponse>(server.AdminToken, "IdentityService/CreateToken",
            new CreateTokenRequest { Parent = user.Name, Token = new Token { DisplayName = "tests" } });
        return (user, token.Secret);
    }

    private Task<Comment> CommentAsync(string token, Report report, string text) =>
        server.CallAsync<CreateCommentRequest, Comment>(token, "ReportService/CreateComment",
            new CreateCommentRequest { Parent = report.Name, Comment = new Comment { Text = text } });
}
