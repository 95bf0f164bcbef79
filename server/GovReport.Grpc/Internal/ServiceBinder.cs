using System.Reflection;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace GovReport.Grpc.Internal;

/// <summary>Matches [GrpcService] classes to proto service descriptors once, at start-up, with compiled delegates.</summary>
internal static class ServiceBinder
{
    /// <summary>Start-up facts captured at registration: the service collection (for lifetimes) and the handler types.</summary>
    internal sealed record Registrations(IServiceCollection Services, IReadOnlyList<Type> HandlerTypes);

    public static List<Type> DiscoverHandlerTypes(GrpcServerOptions options)
    {
        var types = new List<Type>();
        foreach (var assembly in options.ServiceAssemblies)
        {
            foreach (var type in assembly.GetTypes())
            {
                if (type.IsClass && !type.IsAbstract && type.GetCustomAttribute<GrpcServiceAttribute>() is not null && !types.Contains(type))
                {
                    types.Add(type);
                }
            }
        }
        foreach (var type in options.HandlerTypes)
        {
            if (!types.Contains(type))
            {
                types.Add(type);
            }
        }
        if (options.HandlerFilter is { } filter)
        {
            types.RemoveAll(type => !filter(type));
        }
        return types;
    }

    public static List<FileDescriptor> LoadFiles(IEnumerable<Assembly> assemblies)
    {
        var files = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in assemblies)
        {
            foreach (var type in assembly.GetTypes())
            {
                if (!(type.IsAbstract && type.IsSealed))
                {
                    continue;
                }
                var property = type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static);
                if (property?.PropertyType == typeof(FileDescriptor) && property.GetValue(null) is FileDescriptor file)
                {
                    AddWithDependencies(file, files, seen);
                }
            }
        }
        return files;
    }

    private static void AddWithDependencies(FileDescriptor file, List<FileDescriptor> files, HashSet<string> seen)
    {
        if (!seen.Add(file.Name))
        {
            return;
        }
        foreach (var dependency in file.Dependencies)
        {
            AddWithDependencies(dependency, files, seen);
        }
        files.Add(file);
    }

    public static (Dictionary<string, ServerMethod> Methods, GrpcServiceRegistry Registry) Bind(GrpcServerOptions options, Registrations registrations, IServiceProvider root)
    {
        var files = LoadFiles(options.DescriptorAssemblies);
        var services = new Dictionary<string, ServiceDescriptor>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var service in file.Services)
            {
                services[service.FullName] = service;
            }
        }

        var errors = new StringBuilder();
        var methods = new Dictionary<string, ServerMethod>(StringComparer.Ordinal);
        var bound = new List<ServiceDescriptor>();
        var handlerOf = new Dictionary<string, Type>(StringComparer.Ordinal);
        foreach (var handlerType in registrations.HandlerTypes)
        {
            var name = handlerType.GetCustomAttribute<GrpcServiceAttribute>()?.ServiceName;
            if (name is null)
            {
                errors.AppendLine($"- {handlerType.FullName} has no [GrpcService(\"package.Service\")] attribute.");
                continue;
            }
            if (!services.TryGetValue(name, out var service))
            {
                errors.AppendLine($"- {handlerType.FullName} is marked [GrpcService(\"{name}\")] but no proto service of that name exists in {string.Join(", ", options.DescriptorAssemblies.Select(a => a.GetName().Name))}.");
                continue;
            }
            if (handlerOf.TryGetValue(name, out var other))
            {
                errors.AppendLine($"- Service {name} has two handlers: {other.FullName} and {handlerType.FullName}.");
                continue;
            }
            handlerOf[name] = handlerType;
            var singleton = IsSingleton(registrations.Services, handlerType) ? root.GetRequiredService(handlerType) : null;
            var ok = true;
            foreach (var method in service.Methods)
            {
                var serverMethod = BindMethod(handlerType, method, singleton, options.MaxReceiveMessageSize ?? int.MaxValue, errors);
                if (serverMethod is null)
                {
                    ok = false;
                    continue;
                }
                methods[serverMethod.Path] = serverMethod;
            }
            if (ok)
            {
                bound.Add(service);
            }
        }
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("gRPC handler binding failed:" + Environment.NewLine + errors);
        }

        var unbound = new List<string>();
        var boundPaths = new List<string>();
        foreach (var service in services.Values)
        {
            foreach (var method in service.Methods)
            {
                var path = "/" + service.FullName + "/" + method.Name;
                (methods.ContainsKey(path) ? boundPaths : unbound).Add(path);
            }
        }
        return (methods, new GrpcServiceRegistry(files, bound, boundPaths, unbound));
    }

    public static bool IsSingleton(IServiceCollection services, Type type)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == type)
            {
                return services[i].Lifetime == ServiceLifetime.Singleton;
            }
        }
        return false;
    }

    private static ServerMethod? BindMethod(Type handlerType, MethodDescriptor method, object? singleton, int defaultMaxReceive, StringBuilder errors)
    {
        var request = method.InputType.ClrType;
        var response = method.OutputType.ClrType;
        if (request is null || response is null)
        {
            errors.AppendLine($"- {method.FullName}: the request or response message has no generated C# type.");
            return null;
        }
        var kind = method.IsClientStreaming
            ? (method.IsServerStreaming ? MethodKind.Duplex : MethodKind.ClientStreaming)
            : (method.IsServerStreaming ? MethodKind.ServerStreaming : MethodKind.Unary);
        var reader = typeof(IAsyncStreamReader<>).MakeGenericType(request);
        var writer = typeof(IServerStreamWriter<>).MakeGenericType(response);
        var (parameters, returnType) = kind switch
        {
            MethodKind.Unary => (new[] { request, typeof(ServerCallContext) }, typeof(Task<>).MakeGenericType(response)),
            MethodKind.ServerStreaming => (new[] { request, writer, typeof(ServerCallContext) }, typeof(Task)),
            MethodKind.ClientStreaming => (new[] { reader, typeof(ServerCallContext) }, typeof(Task<>).MakeGenericType(response)),
            _ => (new[] { reader, writer, typeof(ServerCallContext) }, typeof(Task)),
        };
        var expected = $"public {TypeName(returnType)} {method.Name}({string.Join(", ", parameters.Select(TypeName))})";
        var candidates = handlerType.GetMethods(BindingFlags.Public | BindingFlags.Instance).Where(m => m.Name == method.Name).ToList();
        var match = candidates.FirstOrDefault(m => m.ReturnType == returnType && m.GetParameters().Select(p => p.ParameterType).SequenceEqual(parameters));
        if (match is null)
        {
            var found = candidates.Count == 0
                ? "no public method of that name"
                : "found " + string.Join("; ", candidates.Select(m => $"{TypeName(m.ReturnType)} {m.Name}({string.Join(", ", m.GetParameters().Select(p => TypeName(p.ParameterType)))})"));
            errors.AppendLine($"- {handlerType.FullName}: RPC {method.Service.FullName}.{method.Name} ({kind}) needs `{expected}`; {found}.");
            return null;
        }
        var serverMethod = (ServerMethod)Activator.CreateInstance(typeof(ServerMethod<,>).MakeGenericType(request, response), nonPublic: true)!;
        var limit = match.GetCustomAttribute<MaxReceiveMessageSizeAttribute>()?.Bytes
            ?? handlerType.GetCustomAttribute<MaxReceiveMessageSizeAttribute>()?.Bytes
            ?? defaultMaxReceive;
        serverMethod.Initialize(method, kind, handlerType, singleton, CreateInvoker(handlerType, match, kind, request, response), limit);
        return serverMethod;
    }

    /// <summary>
    /// (object handler, p1, …) => ((THandler)handler).Method(p1, …) from an open-instance delegate, built once.
    /// (No System.Linq.Expressions: keeps start-up and the resident set smaller.)
    /// </summary>
    private static Delegate CreateInvoker(Type handlerType, MethodInfo method, MethodKind kind, Type request, Type response)
    {
        var factory = typeof(InvokerFactory).GetMethod(kind.ToString(), BindingFlags.Public | BindingFlags.Static)!
            .MakeGenericMethod(handlerType, request, response);
        return (Delegate)factory.Invoke(null, [method])!;
    }

    private static class InvokerFactory
    {
        public static Func<object, TReq, ServerCallContext, Task<TResp>> Unary<THandler, TReq, TResp>(MethodInfo method)
        {
            var call = method.CreateDelegate<Func<THandler, TReq, ServerCallContext, Task<TResp>>>();
            return (handler, request, context) => call((THandler)handler, request, context);
        }

        public static Func<object, TReq, IServerStreamWriter<TResp>, ServerCallContext, Task> ServerStreaming<THandler, TReq, TResp>(MethodInfo method)
        {
            var call = method.CreateDelegate<Func<THandler, TReq, IServerStreamWriter<TResp>, ServerCallContext, Task>>();
            return (handler, request, responses, context) => call((THandler)handler, request, responses, context);
        }

        public static Func<object, IAsyncStreamReader<TReq>, ServerCallContext, Task<TResp>> ClientStreaming<THandler, TReq, TResp>(MethodInfo method)
        {
            var call = method.CreateDelegate<Func<THandler, IAsyncStreamReader<TReq>, ServerCallContext, Task<TResp>>>();
            return (handler, requests, context) => call((THandler)handler, requests, context);
        }

        public static Func<object, IAsyncStreamReader<TReq>, IServerStreamWriter<TResp>, ServerCallContext, Task> Duplex<THandler, TReq, TResp>(MethodInfo method)
        {
            var call = method.CreateDelegate<Func<THandler, IAsyncStreamReader<TReq>, IServerStreamWriter<TResp>, ServerCallContext, Task>>();
            return (handler, requests, responses, context) => call((THandler)handler, requests, responses, context);
        }
    }

    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }
        var name = type.Name[..type.Name.IndexOf('`')];
        return $"{name}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }

    internal static MessageParser<T> ParserOf<T>()
        where T : IMessage<T> =>
        (MessageParser<T>)typeof(T).GetProperty("Parser", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
}
