using GovReport.Data;
using GovReport.Domain.Identity;
using GovReport.Domain.Workflow;
using GovReport.Grpc;

namespace GovReport.Services.Storage;

/// <summary>
/// Maps storage, access and workflow exceptions to rich gRPC errors (anchors §3 / §4e.6):
/// refused transition → FAILED_PRECONDITION with a PreconditionFailure naming the state, the transition and
/// each blocking finding (type FINDING_OPEN for errors, FINDING_UNJUSTIFIED for warnings without a justification); etag mismatch → ABORTED (re-read, modify, write); access → PERMISSION_DENIED;
/// unknown resource → NOT_FOUND; duplicate → ALREADY_EXISTS; unusable input → INVALID_ARGUMENT.
/// </summary>
public sealed class StorageExceptionMapper : IExceptionMapper
{
    public RpcException? Map(Exception exception) => exception switch
    {
        WorkflowException e => RpcErrors.FailedPrecondition(e.Code, e.Message, Violations(e)),
        ConcurrencyConflictException e => RpcErrors.Aborted("ETAG_MISMATCH", e.Message),
        AccessDeniedException e => RpcErrors.PermissionDenied("ACCESS_DENIED", e.Message),
        ResourceNotFoundException e => RpcErrors.NotFound(e.Resource.ToUpperInvariant() + "_NOT_FOUND", e.Message),
        ResourceExistsException e => RpcErrors.AlreadyExists(e.Resource.ToUpperInvariant() + "_ALREADY_EXISTS", e.Message),
        InvalidStoreArgumentException e => RpcErrors.InvalidArgument("INVALID_ARGUMENT", e.Message, new FieldViolation(e.Field, e.Message)),
        _ => null,
    };

    internal static PreconditionViolation[] Violations(WorkflowException e)
    {
        var violations = new List<PreconditionViolation>
        {
            new("STATE", "state/" + e.From.ToCode(), $"报告当前状态为“{e.From.ToChinese()}”，不能{e.Transition.ToChinese()}：{e.Reason}"),
        };
        // Subject = the finding's stable key (what SubmitReport's justifications and comments refer to).
        violations.AddRange(e.BlockingFindings.Select(f =>
            new PreconditionViolation(f.Level == FindingLevel.Error ? "FINDING_OPEN" : "FINDING_UNJUSTIFIED",
                f.FindingId, $"{f.RuleId}：{f.Message}")));
        return [.. violations];
    }
}
