using System.CommandLine;
using System.Globalization;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;

namespace GovReport.Client.Cli.Commands;

/// <summary>`audit verify` and `backup`.</summary>
internal static class AdminCommands
{
    public static IEnumerable<Command> Create(CommandFactory factory)
    {
        var audit = new Command("audit", "审计日志（verify）");
        audit.Subcommands.Add(Verify(factory));
        return [audit, Backup(factory)];
    }

    private static Command Verify(CommandFactory factory)
    {
        var command = new Command("verify", "校验审计日志的哈希链；被篡改时退出码为 1");
        return factory.Bind(command, "audit verify", async (context, _, cancellationToken) =>
        {
            var result = await context.CallAsync<VerifyAuditLogRequest, VerifyAuditLogResponse>("/govreport.v1.AuditService/VerifyAuditLog",
                new VerifyAuditLogRequest(), cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(result);
            }
            else if (result.Ok)
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"审计日志完整：共 {result.EntryCount} 条，链头哈希 {result.HeadHash}"));
            }
            else
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"审计日志校验失败：自第 {result.FirstBadSequence} 条起不一致（共 {result.EntryCount} 条）：{result.Message}"));
            }

            return result.Ok ? ExitCodes.Ok : ExitCodes.Failed;
        });
    }

    private static Command Backup(CommandFactory factory)
    {
        var fileName = new Option<string?>("--file") { HelpName = "FILE", Description = "备份文件名（保存在服务器数据目录的 backups/ 下）；默认按时间命名" };
        var command = new Command("backup", "在不停止服务器的情况下备份数据库（仅管理员）") { fileName };
        return factory.Bind(command, "backup", async (context, parse, cancellationToken) =>
        {
            var result = await context.CallAsync<BackupDatabaseRequest, BackupDatabaseResponse>("/govreport.v1.AdminService/BackupDatabase",
                new BackupDatabaseRequest { FileName = parse.GetValue(fileName) ?? string.Empty }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(result);
            }
            else
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"已备份到 {result.Path}（{result.SizeBytes} 字节，{CliFormat.Time(result.CreateTime)}）"));
            }

            return ExitCodes.Ok;
        });
    }
}
