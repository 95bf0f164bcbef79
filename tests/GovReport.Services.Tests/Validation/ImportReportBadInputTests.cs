using System.IO.Compression;
using System.Text;
using Google.Protobuf;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Infrastructure;

namespace GovReport.Services.Tests.Validation;

/// <summary>Bad files sent to ImportReport get a precise Chinese error, and the server keeps answering.</summary>
public sealed class ImportReportBadInputTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Import = "/govreport.v1.ValidationService/ImportReport";

    private Task<ImportReportResponse> ImportAsync(byte[] content, string fileName, string format = "") =>
        server.Channel.UnaryAsync<ImportReportRequest, ImportReportResponse>(
            Import,
            new ImportReportRequest { Content = ByteString.CopyFrom(content), FileName = fileName, Format = format },
            new CallOptions(Deadline: DateTime.UtcNow.AddSeconds(30)));

    private static bool HasChinese(string text) => text.Any(ch => ch >= '\u4e00' && ch <= '\u9fff');

    private async Task<RpcException> AssertInvalidArgumentAsync(byte[] content, string fileName, string format = "")
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(content, fileName, format));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.True(HasChinese(error.Status.Detail), $"not a Chinese reason: {error.Status.Detail}");
        var info = error.GetDetail<ErrorInfo>();
        Assert.NotNull(info);
        Assert.Matches("^[A-Z][A-Z0-9_]+$", info.Type);
        await server.AssertServingAsync();
        return error;
    }

    /// <summary>A minimal but well-formed .docx (one paragraph, one table).</summary>
    private static byte[] SmallDocx()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>""");
            var body = new StringBuilder();
            body.Append("<w:p><w:r><w:t>北仑区人民政府办公室2019年政府信息公开工作年度报告</w:t></w:r></w:p><w:tbl>");
            for (var row = 0; row < 200; row++)
            {
                body.Append($"<w:tr><w:tc><w:p><w:r><w:t>行{row}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{row}</w:t></w:r></w:p></w:tc></w:tr>");
            }

            body.Append("</w:tbl>");
            Write(zip, "word/document.xml", $"""<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>""");
        }

        return stream.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.NoCompression).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }

    [Fact]
    public async Task ImportReport_RandomBytesNamedDocx_InvalidArgumentInChinese()
    {
        var bytes = new byte[64 * 1024];
        new Random(20191231).NextBytes(bytes);

        var error = await AssertInvalidArgumentAsync(bytes, "x.docx");

        Assert.Equal("content", Assert.Single(Assert.IsType<BadRequest>(error.GetDetail<BadRequest>()).FieldViolations).Field);
    }

    [Fact]
    public async Task ImportReport_TruncatedDocx_InvalidArgumentInChinese()
    {
        var docx = SmallDocx();

        await AssertInvalidArgumentAsync(docx[..(docx.Length / 2)], "report.docx");
    }

    [Fact]
    public async Task ImportReport_HtmlPageWithoutTables_InvalidArgumentInChinese()
    {
        var html = Encoding.UTF8.GetBytes("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知</title></head><body><h1>关于开展政府信息公开工作的通知</h1><p>各单位：请按时报送。</p></body></html>");

        await AssertInvalidArgumentAsync(html, "page.html");
    }

    [Fact]
    public async Task ImportReport_UnknownFormat_InvalidArgumentNamingFormatField()
    {
        var error = await AssertInvalidArgumentAsync([1, 2, 3], "x.bin", "pdf");

        Assert.Equal("format", Assert.Single(Assert.IsType<BadRequest>(error.GetDetail<BadRequest>()).FieldViolations).Field);
    }

    [Fact]
    public async Task ImportReport_FiveMegabytes_ResourceExhaustedAtTransportLimitInChinese()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(new byte[5 * 1024 * 1024], "big.txt"));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("超过上限", error.Status.Detail, StringComparison.Ordinal);
        await server.AssertServingAsync();
    }

    [Fact]
    public async Task ImportReport_FiftyMegabytes_ResourceExhaustedAtTransportLimit()
    {
        var content = new byte[50 * 1000 * 1000];

        var error = await Assert.ThrowsAsync<RpcException>(() => ImportAsync(content, "big.txt"));

        Assert.True(error.StatusCode == StatusCode.ResourceExhausted, $"{error.StatusCode}: {error.Status.Detail}");
        await server.AssertServingAsync();
    }
}
