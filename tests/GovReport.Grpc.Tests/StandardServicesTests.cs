using Google.Protobuf.Reflection;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace GovReport.Grpc.Tests;

public sealed class StandardServicesTests(SharedServerFixture fixture) : IClassFixture<SharedServerFixture>
{
    private const string Check = "/grpc.health.v1.Health/Check";

    private GrpcChannel Channel => fixture.Server.Channel;

    [Theory]
    [InlineData("")]
    [InlineData("grpc.health.v1.Health")]
    [InlineData("govreport.testing.v1.EchoService")]
    public async Task HealthCheck_ServerOrRegisteredService_Serving(string service)
    {
        var response = await Channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task HealthCheck_UnknownService_NotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Channel.UnaryAsync<HealthCheckRequest, HealthCheckResponse>(Check, new HealthCheckRequest { Service = "no.such.Service" }));

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task HealthWatch_UnknownService_StreamsServiceUnknownAndStaysOpen()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Channel.ServerStreaming<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Watch", new HealthCheckRequest { Service = "later.Service" }, new CallOptions(CancellationToken: cancellation.Token));

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);
        cancellation.Cancel();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext());
        Assert.Equal(StatusCode.Cancelled, error.StatusCode);
    }

    [Fact]
    public async Task HealthWatch_StatusChanges_StreamsUpdate()
    {
        using var cancellation = new CancellationTokenSource();
        using var call = Channel.ServerStreaming<HealthCheckRequest, HealthCheckResponse>("/grpc.health.v1.Health/Watch", new HealthCheckRequest { Service = "watched.Service" }, new CallOptions(CancellationToken: cancellation.Token));
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.ServiceUnknown, call.ResponseStream.Current.Status);

        var health = fixture.Server.App.Services.GetRequiredService<GovReport.Services.Health.HealthHandler>();
        health.SetStatus("watched.Service", HealthCheckResponse.Types.ServingStatus.NotServing);

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, call.ResponseStream.Current.Status);
        cancellation.Cancel();
    }

    [Fact]
    public async Task HealthList_AllBoundServices_Listed()
    {
        var response = await Channel.UnaryAsync<HealthListRequest, HealthListResponse>("/grpc.health.v1.Health/List", new HealthListRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Statuses[""].Status);
        Assert.Contains("grpc.reflection.v1.ServerReflection", response.Statuses.Keys);
    }

    [Fact]
    public async Task ReflectionV1_ListServicesThenSymbol_ReturnsFileWithDependencies()
    {
        using var call = Channel.DuplexStreaming<V1.ServerReflectionRequest, V1.ServerReflectionResponse>("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { ListServices = "" });
        Assert.True(await call.ResponseStream.MoveNext());
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("grpc.health.v1.Health", services);
        Assert.Contains("govreport.testing.v1.EchoService", services);

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "grpc.health.v1.Health" });
        Assert.True(await call.ResponseStream.MoveNext());
        var files = call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto.Select(FileDescriptorProto.Parser.ParseFrom).ToList();
        Assert.Equal("grpc/health/v1/health.proto", files[0].Name);
        Assert.Contains(files[0].Service, service => service.Name == "Health");

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingSymbol = "govreport.testing.v1.EchoRequest" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("govreport/testing/v1/echo.proto", FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]).Name);

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileContainingExtension = new V1.ExtensionRequest { ContainingType = "govreport.testing.v1.EchoRequest", ExtensionNumber = 100 } });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal((int)StatusCode.NotFound, call.ResponseStream.Current.ErrorResponse.ErrorCode);

        await call.RequestStream.WriteAsync(new V1.ServerReflectionRequest { FileByFilename = "no/such.proto" });
        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal((int)StatusCode.NotFound, call.ResponseStream.Current.ErrorResponse.ErrorCode);

        await call.RequestStream.CompleteAsync();
        Assert.False(await call.ResponseStream.MoveNext());
    }

    [Fact]
    public async Task ReflectionV1Alpha_FileByFilename_ReturnsFile()
    {
        using var call = Channel.DuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo");
        await call.RequestStream.WriteAsync(new V1Alpha.ServerReflectionRequest { FileByFilename = "grpc/reflection/v1/reflection.proto", Host = "h" });
        await call.RequestStream.CompleteAsync();

        Assert.True(await call.ResponseStream.MoveNext());
        Assert.Equal("h", call.ResponseStream.Current.ValidHost);
        var file = FileDescriptorProto.Parser.ParseFrom(call.ResponseStream.Current.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("grpc.reflection.v1", file.Package);
    }
}
