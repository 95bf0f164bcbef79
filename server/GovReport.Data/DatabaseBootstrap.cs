using System.Globalization;
using System.Text;
using GovReport.Data.Entities;
using GovReport.Data.Internal;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

public sealed record BootstrapResult(User Admin, Agency RootAgency, string TokenFile);

/// <summary>
/// First start: on a database with no users, creates the root agency and an admin, issues the admin a
/// token and writes it to a file only the owner can read (0600). Runs in one write transaction, so two
/// servers starting on the same empty database create one admin, not two.
/// </summary>
public static class DatabaseBootstrap
{
    public const string TokenFileName = "admin-token";

    public static async Task<BootstrapResult?> EnsureAdminAsync(GovReportDbContext db, string dataDir, TimeProvider clock,
        string rootAgencyName = "本级人民政府", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);
        var audit = new AuditLog(db, clock);
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.IsPostgres)
        {
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE users IN EXCLUSIVE MODE", cancellationToken);
        }

        if (await db.Users.AnyAsync(cancellationToken))
        {
            return null;
        }

        var root = await db.Agencies.Where(a => a.ParentId == null).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        if (root is null)
        {
            root = new AgencyRow
            {
                Name = rootAgencyName,
                Kind = (int)AgencyKind.Government,
                Path = "/pending-" + Guid.NewGuid().ToString("N") + "/",
                CreatedAt = now,
            };
            db.Agencies.Add(root);
            await db.SaveChangesAsync(cancellationToken);
            root.Path = AgencyPath.Root(root.Id).Value;
        }

        var admin = new UserRow { Name = "admin", DisplayName = "系统管理员", Role = (int)Role.Admin, AgencyId = root.Id, CreatedAt = now };
        db.Users.Add(admin);
        await db.SaveChangesAsync(cancellationToken);
        var issued = ApiTokens.Issue(admin.Id, "bootstrap", now, TimeSpan.FromDays(365));
        db.ApiTokens.Add(new ApiTokenRow
        {
            UserId = admin.Id,
            Name = issued.Token.Name,
            Hash = issued.Token.Hash,
            DisplayPrefix = issued.Token.DisplayPrefix,
            CreatedAt = issued.Token.CreatedAt,
            ExpiresAt = issued.Token.ExpiresAt,
        });
        var system = Caller.System;
        await audit.AppendAsync(AuditLog.Record(system, "bootstrap.admin", "users/" + admin.Id.ToString(CultureInfo.InvariantCulture),
            Json.Serialize(new { rootAgency = root.Name, tokenPrefix = issued.Token.DisplayPrefix })), cancellationToken);

        // The file is written before the commit: if writing fails, no admin exists whose token nobody has.
        var tokenFile = Path.GetFullPath(Path.Combine(dataDir, TokenFileName));
        await WriteOwnerOnlyAsync(tokenFile, issued.Secret + "\n", cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        var agency = AgencyStore.ToAgency(root);
        return new BootstrapResult(UserStore.ToUser(admin, root.Path), agency, tokenFile);
    }

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; an old .tmp keeps its mode unless set again.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
