using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Grpc;
namespace GovReport.Services.Reports;

[GrpcService("govreport.v1.ReportService")]
public sealed class ReportServiceHandler
{
    public Task<Report> CreateReport(CreateReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Report> GetReport(GetReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListReportsResponse> ListReports(ListReportsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Report> UpdateReport(UpdateReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Empty> DeleteReport(DeleteReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Report> SubmitReport(SubmitReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Report> ApproveReport(ApproveReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Report> ReturnReport(ReturnReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Report> ReopenReport(ReopenReportRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListReportRevisionsResponse> ListReportRevisions(ListReportRevisionsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<CompareReportRevisionsResponse> CompareReportRevisions(CompareReportRevisionsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListReportEventsResponse> ListReportEvents(ListReportEventsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<Comment> CreateComment(CreateCommentRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ListCommentsResponse> ListComments(ListCommentsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<ValidationResult> GetReportValidation(GetReportValidationRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));

    public Task<RollUpApplicationsResponse> RollUpApplications(RollUpApplicationsRequest request, ServerCallContext context) =>
        throw new RpcException(new Status(StatusCode.Unimplemented, "尚未实现"));
}
