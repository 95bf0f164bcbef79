namespace GovReport.Grpc;

/// <summary>Marks a handler class for a proto service, by full name (e.g. "govreport.v1.TemplateService").</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class GrpcServiceAttribute(string serviceName) : Attribute
{
    public string ServiceName { get; } = serviceName;
}
