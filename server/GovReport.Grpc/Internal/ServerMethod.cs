using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Grpc.Internal;

internal enum MethodKind
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    Duplex,
}

/// <summary>One bound RPC: path, kind, handler type and the compiled invoker.</summary>
internal abstract class ServerMethod
{
    public string Path { get; private set; } = "";

    public MethodKind Kind { get; private set; }

    public Type HandlerType { get; private set; } = null!;

    public MethodDescriptor Descriptor { get; private set; } = null!;

    protected object? Singleton { get; private set; }

    /// <summary>Request size limit for this method (server default or [MaxReceiveMessageSize]).</summary>
    public int MaxReceive { get; private set; }

    public void Initialize(MethodDescriptor descriptor, MethodKind kind, Type handlerType, object? singleton, Delegate invoker, int maxReceive)
    {
        MaxReceive = maxReceive;
        Descriptor = descriptor;
        Path = "/" + descriptor.Service.FullName + "/" + descriptor.Name;
        Kind = kind;
        HandlerType = handlerType;
        Singleton = singleton;
        SetInvoker(invoker);
    }

    public object ResolveHandler(HttpContext httpContext) =>
        Singleton ?? httpContext.RequestServices.GetRequiredService(HandlerType);

    protected abstract void SetInvoker(Delegate invoker);

    public abstract Task HandleAsync(HttpContext httpContext, ServerRuntime runtime);
}

internal sealed class ServerMethod<TReq, TResp> : ServerMethod
    where TReq : class, IMessage<TReq>
    where TResp : class, IMessage<TResp>
{
    public MessageParser<TReq> Parser { get; } = ServiceBinder.ParserOf<TReq>();

    public Func<object, TReq, ServerCallContext, Task<TResp>>? Unary { get; private set; }

    public Func<object, TReq, IServerStreamWriter<TResp>, ServerCallContext, Task>? ServerStreaming { get; private set; }

    public Func<object, IAsyncStreamReader<TReq>, ServerCallContext, Task<TResp>>? ClientStreaming { get; private set; }

    public Func<object, IAsyncStreamReader<TReq>, IServerStreamWriter<TResp>, ServerCallContext, Task>? Duplex { get; private set; }

    protected override void SetInvoker(Delegate invoker)
    {
        Unary = invoker as Func<object, TReq, ServerCallContext, Task<TResp>>;
        ServerStreaming = invoker as Func<object, TReq, IServerStreamWriter<TResp>, ServerCallContext, Task>;
        ClientStreaming = invoker as Func<object, IAsyncStreamReader<TReq>, ServerCallContext, Task<TResp>>;
        Duplex = invoker as Func<object, IAsyncStreamReader<TReq>, IServerStreamWriter<TResp>, ServerCallContext, Task>;
    }

    public override Task HandleAsync(HttpContext httpContext, ServerRuntime runtime) =>
        new ServerCall<TReq, TResp>(httpContext, this, runtime).RunAsync();
}
