using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Grpc;
using GovReport.Services.Tests.Identity;
using Microsoft.Data.Sqlite;

namespace GovReport.Services.Tests.Audit;

public sealed class AuditAndBackupTests(AuthenticatedServer server) : IClassFixture<AuthenticatedServer>
{
    [Fact]
    public async Task VerifyAuditLog_AfterWrites_IntactChain()
    {
        var result = await server.CallAsync<VerifyAuditLogRequest, VerifyAuditLogResponse>(server.ReviewerToken, "AuditService/VerifyAuditLog",
            new VerifyAuditLogRequest());

        Assert.True(result.Ok, result.Message);
        Assert.True(result.EntryCount >= 5, $"entries: {result.EntryCount}");
        Assert.Equal(0, result.FirstBadSequence);
        Assert.Equal(64, result.HeadHash.Length);
    }

    [Fact]
    public async Task ListAuditEntries_FilterTarget_OnlyThatTargetLinkedByHashes()
    {
        var all = await server.CallAsync<ListAuditEntriesRequest, ListAuditEntriesResponse>(server.AdminToken, "AuditService/ListAuditEntries",
            new ListAuditEntriesRequest { PageSize = 2 });
        var next = await server.CallAsync<ListAuditEntriesRequest, ListAuditEntriesResponse>(server.AdminToken, "AuditService/ListAuditEntries",
            new ListAuditEntriesRequest { PageSize = 2, PageToken = all.NextPageToken });
        var clerk = await server.CallAsync<ListAuditEntriesRequest, ListAuditEntriesResponse>(server.AdminToken, "AuditService/ListAuditEntries",
            new ListAuditEntriesRequest { FilterTarget = server.Clerk.Name });

        Assert.Equal(1, all.Entries[0].Sequence);
        Assert.Equal(all.Entries[1].Hash, next.Entries[0].PreviousHash);
        Assert.Equal("user.create", Assert.Single(clerk.Entries).Action);
    }

    [Fact]
    public async Task VerifyAuditLog_Clerk_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<VerifyAuditLogRequest, VerifyAuditLogResponse>(server.ClerkToken, "AuditService/VerifyAuditLog", new VerifyAuditLogRequest()));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
    }

    [Fact]
    public async Task BackupDatabase_LiveServer_CopyPassesIntegrityCheck()
    {
        var backup = await server.CallAsync<BackupDatabaseRequest, BackupDatabaseResponse>(server.AdminToken, "AdminService/BackupDatabase",
            new BackupDatabaseRequest { FileName = "test-copy.db" });

        Assert.Equal(Path.Combine(server.DataDir, "backups", "test-copy.db"), backup.Path);
        Assert.True(backup.SizeBytes > 0);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = backup.Path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        await connection.OpenAsync();
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        Assert.Equal("ok", await check.ExecuteScalarAsync());
        await using var users = connection.CreateCommand();
        users.CommandText = "SELECT count(*) FROM users;";
        Assert.True((long)(await users.ExecuteScalarAsync())! >= 3);
    }

    [Fact]
    public async Task BackupDatabase_FileNameWithDirectory_InvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<BackupDatabaseRequest, BackupDatabaseResponse>(server.AdminToken, "AdminService/BackupDatabase",
                new BackupDatabaseRequest { FileName = "../escape.db" }));

        Assert.Equal(StatusCode.InvalidArgument, error.Status.StatusCode);
        Assert.Equal("INVALID_FILE_NAME", error.GetDetail<ErrorInfo>()?.Type);
    }

    [Fact]
    public async Task BackupDatabase_Reviewer_PermissionDenied()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            server.CallAsync<BackupDatabaseRequest, BackupDatabaseResponse>(server.ReviewerToken, "AdminService/BackupDatabase", new BackupDatabaseRequest()));

        Assert.Equal(StatusCode.PermissionDenied, error.Status.StatusCode);
    }
}
