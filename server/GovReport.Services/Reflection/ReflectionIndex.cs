using Google.Protobuf;
using Google.Protobuf.Reflection;
using GovReport.Grpc;
using Grpc.Reflection.V1;

namespace GovReport.Services.Reflection;

/// <summary>Answers server-reflection requests from the descriptors the server binds (built once, lazily).</summary>
public sealed class ReflectionIndex
{
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MessageDescriptor> _messages = new(StringComparer.Ordinal);
    private readonly List<string> _services = [];

    public ReflectionIndex(GrpcServiceRegistry registry)
    {
        foreach (var file in registry.Files)
        {
            _files[file.Name] = file;
            foreach (var message in file.MessageTypes)
            {
                AddMessage(file, message);
            }
            foreach (var enumType in file.EnumTypes)
            {
                _symbols[enumType.FullName] = file;
            }
            foreach (var service in file.Services)
            {
                _symbols[service.FullName] = file;
                foreach (var method in service.Methods)
                {
                    _symbols[method.FullName] = file;
                }
            }
        }
        foreach (var service in registry.BoundServices)
        {
            _services.Add(service.FullName);
        }
        _services.Sort(StringComparer.Ordinal);
    }

    public IReadOnlyList<string> Services => _services;

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                var list = new ListServiceResponse();
                foreach (var name in _services)
                {
                    list.Service.Add(new ServiceResponse { Name = name });
                }
                response.ListServicesResponse = list;
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                if (_files.TryGetValue(request.FileByFilename, out var byName))
                {
                    response.FileDescriptorResponse = WithDependencies(byName);
                }
                else
                {
                    response.ErrorResponse = NotFound($"file not found: {request.FileByFilename}");
                }
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                var symbol = request.FileContainingSymbol.TrimStart('.');
                if (_symbols.TryGetValue(symbol, out var bySymbol))
                {
                    response.FileDescriptorResponse = WithDependencies(bySymbol);
                }
                else
                {
                    response.ErrorResponse = NotFound($"symbol not found: {symbol}");
                }
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                // Our protos declare no extensions.
                response.ErrorResponse = NotFound($"extension not found: {request.FileContainingExtension.ContainingType}({request.FileContainingExtension.ExtensionNumber})");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var typeName = request.AllExtensionNumbersOfType.TrimStart('.');
                if (_messages.ContainsKey(typeName))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = typeName };
                }
                else
                {
                    response.ErrorResponse = NotFound($"type not found: {typeName}");
                }
                break;
            default:
                response.ErrorResponse = new ErrorResponse { ErrorCode = (int)StatusCode.InvalidArgument, ErrorMessage = "no message_request set" };
                break;
        }
        return response;
    }

    private static ErrorResponse NotFound(string message) => new() { ErrorCode = (int)StatusCode.NotFound, ErrorMessage = message };

    /// <summary>The file first, then its transitive dependencies, each once.</summary>
    private static FileDescriptorResponse WithDependencies(FileDescriptor file)
    {
        var response = new FileDescriptorResponse();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<FileDescriptor>();
        pending.Enqueue(file);
        seen.Add(file.Name);
        while (pending.Count > 0)
        {
            var next = pending.Dequeue();
            response.FileDescriptorProto.Add(next.SerializedData);
            foreach (var dependency in next.Dependencies)
            {
                if (seen.Add(dependency.Name))
                {
                    pending.Enqueue(dependency);
                }
            }
        }
        return response;
    }

    private void AddMessage(FileDescriptor file, MessageDescriptor message)
    {
        _symbols[message.FullName] = file;
        _messages[message.FullName] = message;
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            _symbols.TryAdd(field.FullName, file);
        }
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(file, nested);
        }
        foreach (var enumType in message.EnumTypes)
        {
            _symbols[enumType.FullName] = file;
        }
    }

    internal static ByteString Reserialize(IMessage message) => message.ToByteString();
}
