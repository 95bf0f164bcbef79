using GovReport.Api.V1;

namespace GovReport.Client.Tui;

/// <summary>The report, workflow, comment, agency and identity calls the screens make (thin wrappers over the RPCs).</summary>
public sealed partial class ClientSession
{
    private const string Reports = "/govreport.v1.ReportService/";

    public Task<Report> CreateReportAsync(CreateReportRequest request, CancellationToken cancellationToken) =>
        CallAsync<CreateReportRequest, Report>(Reports + "CreateReport", request, cancellationToken);

    public Task<Report> GetReportAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<GetReportRequest, Report>(Reports + "GetReport", new GetReportRequest { Name = name }, cancellationToken);

    public Task<ListReportsResponse> ListReportsAsync(ListReportsRequest request, CancellationToken cancellationToken) =>
        CallAsync<ListReportsRequest, ListReportsResponse>(Reports + "ListReports", request, cancellationToken);

    public Task<Report> UpdateReportAsync(UpdateReportRequest request, CancellationToken cancellationToken) =>
        CallAsync<UpdateReportRequest, Report>(Reports + "UpdateReport", request, cancellationToken);

    /// <summary>UpdateReport's field-mask path of one cell, "cells.`ADDRESS`" (AIP-161 map-key syntax).</summary>
    public static string CellMaskPath(string address) => "cells.`" + address + "`";

    public Task DeleteReportAsync(string name, string etag, CancellationToken cancellationToken) =>
        CallAsync<DeleteReportRequest, Google.Protobuf.WellKnownTypes.Empty>(
            Reports + "DeleteReport", new DeleteReportRequest { Name = name, Etag = etag }, cancellationToken);

    public Task<Report> SubmitReportAsync(SubmitReportRequest request, CancellationToken cancellationToken) =>
        CallAsync<SubmitReportRequest, Report>(Reports + "SubmitReport", request, cancellationToken);

    public Task<Report> ApproveReportAsync(string name, string etag, CancellationToken cancellationToken) =>
        CallAsync<ApproveReportRequest, Report>(Reports + "ApproveReport", new ApproveReportRequest { Name = name, Etag = etag }, cancellationToken);

    public Task<Report> ReturnReportAsync(ReturnReportRequest request, CancellationToken cancellationToken) =>
        CallAsync<ReturnReportRequest, Report>(Reports + "ReturnReport", request, cancellationToken);

    public Task<Report> ReopenReportAsync(ReopenReportRequest request, CancellationToken cancellationToken) =>
        CallAsync<ReopenReportRequest, Report>(Reports + "ReopenReport", request, cancellationToken);

    public Task<ListReportRevisionsResponse> ListReportRevisionsAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<ListReportRevisionsRequest, ListReportRevisionsResponse>(
            Reports + "ListReportRevisions", new ListReportRevisionsRequest { Name = name }, cancellationToken);

    public Task<CompareReportRevisionsResponse> CompareReportRevisionsAsync(string name, int from, int to, CancellationToken cancellationToken) =>
        CallAsync<CompareReportRevisionsRequest, CompareReportRevisionsResponse>(
            Reports + "CompareReportRevisions",
            new CompareReportRevisionsRequest { Name = name, FromRevision = from, ToRevision = to },
            cancellationToken);

    public Task<ListReportEventsResponse> ListReportEventsAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<ListReportEventsRequest, ListReportEventsResponse>(
            Reports + "ListReportEvents", new ListReportEventsRequest { Name = name }, cancellationToken);

    public Task<Comment> CreateCommentAsync(string reportName, Comment comment, CancellationToken cancellationToken) =>
        CallAsync<CreateCommentRequest, Comment>(
            Reports + "CreateComment", new CreateCommentRequest { Parent = reportName, Comment = comment }, cancellationToken);

    public Task<ListCommentsResponse> ListCommentsAsync(string reportName, CancellationToken cancellationToken) =>
        CallAsync<ListCommentsRequest, ListCommentsResponse>(
            Reports + "ListComments", new ListCommentsRequest { Parent = reportName }, cancellationToken);

    public Task<ValidationResult> GetReportValidationAsync(string name, CancellationToken cancellationToken) =>
        CallAsync<GetReportValidationRequest, ValidationResult>(
            Reports + "GetReportValidation", new GetReportValidationRequest { Name = name }, cancellationToken);

    public Task<ListAgenciesResponse> ListAgenciesAsync(ListAgenciesRequest request, CancellationToken cancellationToken) =>
        CallAsync<ListAgenciesRequest, ListAgenciesResponse>("/govreport.v1.AgencyService/ListAgencies", request, cancellationToken);

    public Task<User> GetCurrentUserAsync(CancellationToken cancellationToken) =>
        CallAsync<GetCurrentUserRequest, User>("/govreport.v1.IdentityService/GetCurrentUser", new GetCurrentUserRequest(), cancellationToken);
}
