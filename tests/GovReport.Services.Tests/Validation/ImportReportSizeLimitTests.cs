using Google.Protobuf;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Validation;

/// <summary>A server whose transport accepts 64 MiB messages, so the importer's own 50 MiB limit is what answers.</summary>
public sealed class LargeMessageServerFixture : ServerFixture
{
    protected override IReadOnlyDictionary<string, string> Configuration { get; } =
        new Dictionary<string, string> { ["GovReport:MaxReceiveMessageSize"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed class ImportReportSizeLimitTests(LargeMessageServerFixture server) : IClassFixture<LargeMessageServerFixture>
{
    [Fact]
    public async Task ImportReport_OverImporterLimitWithLargeTransportLimit_ResourceExhaustedInChinese()
    {
        var content = new byte[(50 * 1024 * 1024) + 1];

        var error = await Assert.ThrowsAsync<RpcException>(() => server.Channel.UnaryAsync<ImportReportRequest, ImportReportResponse>(
            "/govreport.v1.ValidationService/ImportReport",
            new ImportReportRequest { Content = ByteString.CopyFrom(content), FileName = "big.txt" },
            new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(60))));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("IMPORT_FILE_TOO_LARGE", error.GetDetail<ErrorInfo>()?.Type);
        Assert.Contains("超过导入上限", error.Status.Detail, StringComparison.Ordinal);
        await server.AssertServingAsync();
    }
}
