using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Domain.Identity;
using GovReport.Grpc;
using GovReport.Services.Identity;
using Microsoft.Extensions.Configuration;

namespace GovReport.Services.Admin;

/// <summary>govreport.v1.AdminService: online backup of the SQLite database (admins).</summary>
[GrpcService("govreport.v1.AdminService")]
public sealed class AdminServiceHandler(DatabaseBackup backup, DatabaseOptions options, IConfiguration configuration, TimeProvider clock)
{
    public async Task<BackupDatabaseResponse> BackupDatabase(BackupDatabaseRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.Backup, null);
        if (options.Provider != DatabaseProvider.Sqlite || options.SqliteFilePath is null)
        {
            throw RpcErrors.FailedPrecondition("BACKUP_NOT_SUPPORTED",
                "在线备份仅支持 SQLite 数据库文件；当前使用 PostgreSQL，请使用 pg_dump 备份（例如 pg_dump -Fc -f govreport.dump <数据库名>）。",
                new PreconditionViolation("DATABASE_PROVIDER", "database", "PostgreSQL 数据库请使用 pg_dump 备份"));
        }

        var dataDir = configuration["GovReport:DataDir"];
        dataDir = Path.GetFullPath(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir);
        string path;
        if (string.IsNullOrEmpty(request.FileName))
        {
            path = DatabaseBackup.DefaultPath(dataDir, clock.GetUtcNow());
        }
        else
        {
            var name = request.FileName;
            if (name != Path.GetFileName(name) || name is "." or ".." || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('\\'))
            {
                throw RpcErrors.InvalidArgument("INVALID_FILE_NAME", $"备份文件名“{name}”无效：只能是文件名，不能包含目录。",
                    new FieldViolation("file_name", "只能是文件名，不能包含目录"));
            }

            path = Path.Combine(dataDir, "backups", name);
        }

        var result = await backup.BackupAsync(caller, path, context.CancellationToken);
        return new BackupDatabaseResponse
        {
            Path = result.Path,
            SizeBytes = result.Bytes,
            CreateTime = Timestamp.FromDateTimeOffset(result.At),
        };
    }
}
