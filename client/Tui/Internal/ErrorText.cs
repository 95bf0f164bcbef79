using System.Text;
using Google.Rpc;
using GovReport.Grpc;
using RpcStatusCode = GovReport.Grpc.StatusCode;

namespace GovReport.Client.Tui.Internal;

/// <summary>Turns failures into the Chinese text shown in the message line.</summary>
internal static class ErrorText
{
    public static string Describe(Exception exception)
    {
        switch (exception)
        {
            case TuiException tui:
                return tui.Message;
            case RpcException rpc:
                return DescribeRpc(rpc);
            case HttpRequestException http:
                return "无法连接服务器：" + http.Message;
            case FileNotFoundException file:
                return $"找不到文件：{file.FileName}";
            case DirectoryNotFoundException:
                return "找不到文件所在的目录";
            case UnauthorizedAccessException:
                return "没有权限读取该文件";
            case IOException io:
                return "读写文件失败：" + io.Message;
            case OperationCanceledException:
                return "操作已取消";
            default:
                return "内部错误：" + exception.Message;
        }
    }

    private static string DescribeRpc(RpcException rpc)
    {
        if (rpc.StatusCode == RpcStatusCode.Unavailable && rpc.GetDetail<ErrorInfo>() is null)
        {
            // The transport's own failure (connection refused, reset): say so plainly.
            return "无法连接服务器：" + rpc.Status.Detail;
        }

        var text = new StringBuilder();
        text.Append(string.IsNullOrWhiteSpace(rpc.Status.Detail) ? DefaultText(rpc.StatusCode) : rpc.Status.Detail);
        var bad = rpc.GetDetail<BadRequest>();
        if (bad is not null)
        {
            foreach (var violation in bad.FieldViolations)
            {
                text.Append("；").Append(violation.Field).Append('：').Append(violation.Description);
            }
        }

        var precondition = rpc.GetDetail<PreconditionFailure>();
        if (precondition is not null)
        {
            foreach (var violation in precondition.Violations)
            {
                text.Append("；").Append(string.IsNullOrEmpty(violation.Description) ? violation.Subject : violation.Description);
            }
        }

        var info = rpc.GetDetail<ErrorInfo>();
        if (info is not null && !string.IsNullOrEmpty(info.Type))
        {
            text.Append('（').Append(info.Type).Append('）');
        }

        return text.ToString();
    }

    private static string DefaultText(RpcStatusCode code) => code switch
    {
        RpcStatusCode.Unavailable => "服务器不可用",
        RpcStatusCode.DeadlineExceeded => "服务器响应超时",
        RpcStatusCode.Unauthenticated => "未登录或令牌无效",
        RpcStatusCode.PermissionDenied => "没有权限执行该操作",
        RpcStatusCode.NotFound => "找不到请求的对象",
        RpcStatusCode.Unimplemented => "服务器不支持该功能",
        RpcStatusCode.Aborted => "数据已被他人修改，请刷新后重试",
        RpcStatusCode.FailedPrecondition => "当前状态不允许该操作",
        RpcStatusCode.InvalidArgument => "请求内容无效",
        _ => "服务器错误（" + code + "）",
    };
}
