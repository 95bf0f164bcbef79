using Google.Protobuf.WellKnownTypes;
using Google.Rpc;

namespace GovReport.Grpc;

/// <summary>One invalid request field, for <see cref="RpcErrors.InvalidArgument"/>.</summary>
public sealed record FieldViolation(string Field, string Description);

/// <summary>One failed precondition, for <see cref="RpcErrors.FailedPrecondition"/>.</summary>
public sealed record PreconditionViolation(string Type, string Subject, string Description);

/// <summary>
/// Builds rich errors: an <see cref="RpcException"/> whose google.rpc.Status (sent in grpc-status-details-bin)
/// always carries an ErrorInfo (domain "govreport.v1", reason UPPER_SNAKE) plus the typed details.
/// <c>message</c> is shown to users, so it is Chinese.
/// </summary>
public static class RpcErrors
{
    public const string Domain = "govreport.v1";

    public static RpcException InvalidArgument(string reason, string message, params FieldViolation[] violations)
    {
        var badRequest = new BadRequest();
        foreach (var violation in violations)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation { Field = violation.Field, Description = violation.Description });
        }
        return Create(StatusCode.InvalidArgument, reason, message, violations.Length > 0 ? badRequest : null);
    }

    public static RpcException FailedPrecondition(string reason, string message, params PreconditionViolation[] violations)
    {
        var failure = new PreconditionFailure();
        foreach (var violation in violations)
        {
            failure.Violations.Add(new PreconditionFailure.Types.Violation { Type = violation.Type, Subject = violation.Subject, Description = violation.Description });
        }
        return Create(StatusCode.FailedPrecondition, reason, message, violations.Length > 0 ? failure : null);
    }

    public static RpcException NotFound(string reason, string message) => Create(StatusCode.NotFound, reason, message, null);

    public static RpcException Aborted(string reason, string message) => Create(StatusCode.Aborted, reason, message, null);

    public static RpcException PermissionDenied(string reason, string message) => Create(StatusCode.PermissionDenied, reason, message, null);

    public static RpcException Unauthenticated(string reason, string message) => Create(StatusCode.Unauthenticated, reason, message, null);

    public static RpcException ResourceExhausted(string reason, string message) => Create(StatusCode.ResourceExhausted, reason, message, null);

    public static RpcException AlreadyExists(string reason, string message) => Create(StatusCode.AlreadyExists, reason, message, null);

    /// <summary>Any code, with ErrorInfo and optional extra detail messages.</summary>
    public static RpcException Create(StatusCode code, string reason, string message, Google.Protobuf.IMessage? detail, IDictionary<string, string>? errorMetadata = null)
    {
        // Google.Api.CommonProtos 2.0.0 predates the rename of ErrorInfo.type to reason: Type carries the reason.
        var info = new ErrorInfo { Domain = Domain, Type = reason };
        if (errorMetadata is not null)
        {
            info.Metadata.Add(errorMetadata);
        }
        var rich = new Google.Rpc.Status { Code = (int)code, Message = message };
        rich.Details.Add(Any.Pack(info));
        if (detail is not null)
        {
            rich.Details.Add(Any.Pack(detail));
        }
        return new RpcException(new Status(code, message), new Metadata(), rich);
    }
}
