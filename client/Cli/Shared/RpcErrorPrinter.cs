using Google.Protobuf;
using Google.Protobuf.Reflection;
using GovReport.Grpc;

namespace GovReport.Client.Cli.Shared;

/// <summary>
/// Prints a failed call in Chinese: the server's message, the status, and the google.rpc details
/// (BadRequest field violations, PreconditionFailure violations such as open findings, ErrorInfo reason),
/// and maps it to an exit code.
/// </summary>
internal static class RpcErrorPrinter
{
    private static readonly JsonFormatter StatusJson = new(JsonFormatter.Settings.Default.WithTypeRegistry(TypeRegistry.FromMessages(
        Google.Rpc.BadRequest.Descriptor,
        Google.Rpc.PreconditionFailure.Descriptor,
        Google.Rpc.ErrorInfo.Descriptor,
        Google.Rpc.ResourceInfo.Descriptor,
        Google.Rpc.Help.Descriptor,
        Google.Rpc.LocalizedMessage.Descriptor)));

    public static int ExitCodeOf(StatusCode code) => code switch
    {
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => ExitCodes.Auth,
        StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled => ExitCodes.Usage,
        _ => ExitCodes.Failed,
    };

    /// <summary>Writes the error to <paramref name="error"/> (and, with --json, the google.rpc.Status as JSON) and returns the exit code.</summary>
    public static int Print(TextWriter error, string command, RpcException exception, bool json)
    {
        var status = exception.GetRpcStatus();
        var message = string.IsNullOrWhiteSpace(exception.Status.Detail) ? status?.Message : exception.Status.Detail;
        if (string.IsNullOrWhiteSpace(message))
        {
            message = "服务器未给出说明";
        }

        var info = exception.GetDetail<Google.Rpc.ErrorInfo>();
        var reason = info is null || string.IsNullOrEmpty(info.Type) ? string.Empty : "，" + info.Type;
        error.WriteLine($"govreport {command}: {Prefix(exception.StatusCode)}：{message}（{StatusName(exception.StatusCode)}{reason}）");

        if (exception.GetDetail<Google.Rpc.BadRequest>() is { } badRequest)
        {
            foreach (var violation in badRequest.FieldViolations)
            {
                error.WriteLine($"  字段 {violation.Field}：{violation.Description}");
            }
        }

        if (exception.GetDetail<Google.Rpc.PreconditionFailure>() is { } precondition)
        {
            foreach (var violation in precondition.Violations)
            {
                var subject = string.IsNullOrEmpty(violation.Subject) ? string.Empty : $"[{violation.Subject}] ";
                error.WriteLine($"  {ViolationTypeName(violation.Type)}：{subject}{violation.Description}");
            }
        }

        if (info is not null)
        {
            foreach (var (key, value) in info.Metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                error.WriteLine($"  {key}：{value}");
            }
        }

        if (json && status is not null)
        {
            error.WriteLine(StatusJson.Format(status));
        }

        return ExitCodeOf(exception.StatusCode);
    }

    private static string Prefix(StatusCode code) => code switch
    {
        StatusCode.Unauthenticated => "身份验证失败",
        StatusCode.PermissionDenied => "无权操作",
        StatusCode.InvalidArgument => "请求有误",
        StatusCode.FailedPrecondition => "操作被拒绝",
        StatusCode.NotFound => "未找到",
        StatusCode.AlreadyExists => "已存在",
        StatusCode.Aborted => "操作冲突",
        StatusCode.Unavailable or StatusCode.DeadlineExceeded => "服务器不可用",
        _ => "服务器错误",
    };

    public static string StatusName(StatusCode code) => code switch
    {
        StatusCode.Cancelled => "已取消",
        StatusCode.Unknown => "未知错误",
        StatusCode.InvalidArgument => "参数无效",
        StatusCode.DeadlineExceeded => "超时",
        StatusCode.NotFound => "不存在",
        StatusCode.AlreadyExists => "已存在",
        StatusCode.PermissionDenied => "权限不足",
        StatusCode.ResourceExhausted => "资源耗尽",
        StatusCode.FailedPrecondition => "前提条件不满足",
        StatusCode.Aborted => "并发冲突，请重新读取后再试",
        StatusCode.OutOfRange => "超出范围",
        StatusCode.Unimplemented => "服务器未实现此功能",
        StatusCode.Internal => "服务器内部错误",
        StatusCode.Unavailable => "服务不可用",
        StatusCode.DataLoss => "数据丢失",
        StatusCode.Unauthenticated => "未认证",
        _ => code.ToString(),
    };

    private static string ViolationTypeName(string type) => type switch
    {
        "FINDING_OPEN" => "未解决的错误",
        "JUSTIFICATION_MISSING" or "WARNING_UNJUSTIFIED" => "缺少说明的警告",
        "STATE" or "INVALID_STATE" or "REPORT_STATE" => "状态不允许",
        "SEPARATION_OF_DUTIES" => "职责分离",
        "" => "条件",
        _ => type,
    };
}
