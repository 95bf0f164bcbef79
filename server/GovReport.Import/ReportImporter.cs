using System.Globalization;
using System.Text;
using GovReport.Import.Documents;
using GovReport.Import.Internal;

namespace GovReport.Import;

/// <summary>
/// The importer's entry point: a report file (flattened text, .docx or HTML) → <see cref="ImportResult"/>.
/// Pure and thread-safe. Bad input throws <see cref="ImportException"/> with a Chinese reason and a reason code.
/// </summary>
public static class ReportImporter
{
    /// <summary>Imports a report file. The format comes from <paramref name="fileName"/>'s extension unless given in the options.</summary>
    public static ImportResult Import(ReadOnlySpan<byte> content, string? fileName, ImportOptions? options = null)
    {
        options ??= ImportOptions.Default;
        if (content.Length > options.MaxBytes)
        {
            throw new ImportException(ImportErrorReason.FileTooLarge, string.Create(CultureInfo.InvariantCulture,
                $"文件大小为 {content.Length / 1024.0 / 1024.0:0.0} MB，超过导入上限 {options.MaxBytes / 1024.0 / 1024.0:0.#} MB。"));
        }

        if (content.IsEmpty)
        {
            throw new ImportException(ImportErrorReason.EmptyDocument, "文件是空的，没有可导入的内容。");
        }

        var format = options.Format != SourceFormat.Auto ? options.Format : DetectFormat(content, fileName);
        var document = Read(content, format);
        if (document.Blocks.Count == 0)
        {
            throw new ImportException(ImportErrorReason.EmptyDocument, "文档中没有任何文字内容，无法导入。");
        }

        if (document.TableCount == 0)
        {
            throw new ImportException(ImportErrorReason.NoTables,
                "文档中没有找到任何表格：年度报告应包含主动公开、收到和处理申请、行政复议和行政诉讼情况统计表。");
        }

        return ReportMapper.Map(document, options, format);
    }

    /// <summary>Imports a report file held in a byte array.</summary>
    public static ImportResult Import(byte[] content, string? fileName, ImportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        return Import(content.AsSpan(), fileName, options);
    }

    /// <summary>Reads a file into the intermediate document model (no mapping).</summary>
    public static ImportedDocument Read(ReadOnlySpan<byte> content, SourceFormat format)
    {
        switch (format)
        {
            case SourceFormat.Docx:
                if (!IsZip(content))
                {
                    throw new ImportException(ImportErrorReason.CorruptDocument, "文件不是有效的 Word（.docx）文档：文件头不是 ZIP 格式，可能已损坏或不完整。");
                }

                using (var stream = new MemoryStream(content.ToArray(), writable: false))
                {
                    CheckExpandedSize(stream);
                    return DocxDocumentReader.Read(stream);
                }

            case SourceFormat.Html:
                return HtmlDocumentReader.Read(DecodeText(content, requireText: false));
            case SourceFormat.Text:
                return TextDocumentReader.Read(DecodeText(content, requireText: true));
            default:
                throw new ImportException(ImportErrorReason.UnsupportedFormat, "无法识别文件格式。");
        }
    }

    /// <summary>The format from the file extension, else sniffed from the first bytes.</summary>
    public static SourceFormat DetectFormat(ReadOnlySpan<byte> content, string? fileName)
    {
        var extension = Path.GetExtension(fileName ?? string.Empty).ToLowerInvariant();
        switch (extension)
        {
            case ".docx":
                return SourceFormat.Docx;
            case ".html" or ".htm" or ".shtml" or ".xhtml":
                return SourceFormat.Html;
            case ".txt" or ".text":
                return SourceFormat.Text;
            case ".doc" or ".wps":
                throw new ImportException(ImportErrorReason.UnsupportedFormat, $"不支持旧版 Word 格式（{extension}），请另存为 .docx 后再导入。");
            case ".pdf":
                throw new ImportException(ImportErrorReason.UnsupportedFormat, "不支持 PDF 文件，请导入 .docx、网页（.html）或文本（.txt）版本。");
        }

        if (IsZip(content))
        {
            return SourceFormat.Docx;
        }

        var head = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 4096)]).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (head.StartsWith('<') && (head.Contains("<html", StringComparison.OrdinalIgnoreCase) || head.Contains("<table", StringComparison.OrdinalIgnoreCase)
            || head.Contains("<body", StringComparison.OrdinalIgnoreCase) || head.Contains("<!doctype", StringComparison.OrdinalIgnoreCase)))
        {
            return SourceFormat.Html;
        }

        return SourceFormat.Text;
    }

    // A .docx is a zip: refuse one that would expand to far more than any real report (a "zip bomb").
    private const long MaxExpandedBytes = 512L * 1024 * 1024;

    private static void CheckExpandedSize(MemoryStream stream)
    {
        long expanded = 0;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                expanded += entry.Length;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new ImportException(ImportErrorReason.CorruptDocument, "Word 文档已损坏或不完整（ZIP 目录无法读取），请重新导出后再导入。", ex);
        }

        stream.Position = 0;
        if (expanded > MaxExpandedBytes)
        {
            throw new ImportException(ImportErrorReason.DocumentTooComplex, string.Create(CultureInfo.InvariantCulture,
                $"Word 文档解压后约 {expanded / 1024 / 1024} MB，超过上限 {MaxExpandedBytes / 1024 / 1024} MB，无法导入。"));
        }
    }

    private static bool IsZip(ReadOnlySpan<byte> content) =>
        content.Length >= 4 && content[0] == (byte)'P' && content[1] == (byte)'K' && content[2] == 3 && content[3] == 4;

    /// <summary>UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030; refuses binary data.</summary>
    private static string DecodeText(ReadOnlySpan<byte> content, bool requireText)
    {
        string? text = null;
        if (content.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            content = content[3..];
        }
        else if (content.StartsWith(new byte[] { 0xFF, 0xFE }))
        {
            text = Encoding.Unicode.GetString(content[2..]);
        }
        else if (content.StartsWith(new byte[] { 0xFE, 0xFF }))
        {
            text = Encoding.BigEndianUnicode.GetString(content[2..]);
        }

        if (text is null)
        {
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
            }
            catch (DecoderFallbackException)
            {
                try
                {
                    var gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
                        ?? throw new DecoderFallbackException();
                    text = gb18030.GetString(content);
                }
                catch (DecoderFallbackException)
                {
                    throw new ImportException(ImportErrorReason.UnsupportedFormat,
                        "文件不是可识别的文本（既不是 UTF-8 也不是 GB18030 编码），也不是 .docx 或网页文件，无法导入。");
                }
            }
        }

        if (requireText)
        {
            var control = 0;
            foreach (var ch in text)
            {
                if ((ch < ' ' && ch is not '\t' and not '\n' and not '\r' and not '\f') || ch == '\uFFFD')
                {
                    control++;
                }
            }

            if (control > 0 && control * 200 > text.Length)
            {
                throw new ImportException(ImportErrorReason.UnsupportedFormat, "文件内容含有大量控制字符，不是文本格式的报告，无法导入。");
            }
        }

        return text;
    }
}
