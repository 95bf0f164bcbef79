using System.CommandLine;

namespace GovReport.Client.Cli;

/// <summary>
/// `govreport check FILE... [--json] [--server URL [--token TOKEN]]`: imports and validates report files and prints, per file,
/// the agency, year, template and the findings. Exit code 0 without errors, 1 when any ERROR, 2 on usage or I/O errors.
/// </summary>
internal static class CheckCommand
{
    public const int ExitOk = 0;
    public const int ExitFindings = 1;
    public const int ExitUsage = 2;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "要检查的年度报告文件（.docx、.html 或扁平文本 .txt），可多个",
            Arity = ArgumentArity.OneOrMore,
        };
        var json = new Option<bool>("--json")
        {
            Description = "每个文件输出一行 ImportReportResponse 的标准 protobuf JSON",
        };
        var server = new Option<string?>("--server")
        {
            Description = "服务器地址（如 http://127.0.0.1:5080）；不指定时在本进程内启动嵌入式服务器",
        };
        var token = new Option<string?>("--token")
        {
            Description = $"访问令牌（配合 --server；服务器的 govreport.v1 接口都需要令牌）；默认取环境变量 {Shared.ConnectionOptions.TokenEnvironmentVariable}；嵌入式服务器自动使用其管理员令牌",
            HelpName = "TOKEN",
        };
        var command = new Command("check", "导入并检查政府信息公开工作年度报告，按部分和严重程度列出问题")
        {
            files,
            json,
            server,
            token,
        };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetValue(files) ?? [],
            parseResult.GetValue(json),
            parseResult.GetValue(server),
            parseResult.GetValue(token),
            output,
            error,
            cancellationToken));
        return command;
    }

    public static async Task<int> RunAsync(string[] files, bool json, string? server, string? token, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (server is not null && !Uri.TryCreate(server, UriKind.Absolute, out var uri) | (uri is not null && uri.Scheme is not ("http" or "https")))
        {
            await error.WriteLineAsync($"govreport check: 服务器地址“{server}”无效，应为 http://主机:端口 或 https://主机:端口。").ConfigureAwait(false);
            return ExitUsage;
        }

        // Read every file first: a missing file is a usage error and nothing is checked.
        var contents = new List<(string Path, byte[] Content)>();
        foreach (var file in files)
        {
            try
            {
                contents.Add((file, await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                await error.WriteLineAsync($"govreport check: 无法读取文件“{file}”：{Describe(ex)}").ConfigureAwait(false);
                return ExitUsage;
            }
        }

        IReportChecker checker;
        try
        {
            checker = await ReportCheckerFactory.CreateAsync(server, token, cancellationToken).ConfigureAwait(false);
        }
        catch (CheckFailedException ex)
        {
            await error.WriteLineAsync($"govreport check: {ex.Message}").ConfigureAwait(false);
            return ExitUsage;
        }

        var exitCode = ExitOk;
        await using (checker.ConfigureAwait(false))
        {
            foreach (var (path, content) in contents)
            {
                try
                {
                    var (report, reportJson) = await checker.CheckAsync(content, path, cancellationToken).ConfigureAwait(false);
                    if (json)
                    {
                        await output.WriteLineAsync(reportJson).ConfigureAwait(false);
                    }
                    else
                    {
                        CheckOutput.Write(output, report);
                    }

                    if (report.ErrorCount > 0)
                    {
                        exitCode = Math.Max(exitCode, ExitFindings);
                    }
                }
                catch (CheckFailedException ex)
                {
                    await error.WriteLineAsync($"govreport check: 无法检查“{path}”：{ex.Message}").ConfigureAwait(false);
                    exitCode = ExitUsage;
                }
            }
        }

        return exitCode;
    }

    private static string Describe(Exception ex) => ex switch
    {
        FileNotFoundException => "文件不存在",
        DirectoryNotFoundException => "目录不存在",
        UnauthorizedAccessException => "没有读取权限",
        _ => ex.Message,
    };
}
