using System.Globalization;
using GovReport.Data.Entities;
using GovReport.Data.Internal;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

public sealed class UserStore(GovReportDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<User> CreateAsync(Caller caller, string name, string displayName, Role role, long agencyId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageUsers, null);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidStoreArgumentException("name", "用户名不能为空");
        }

        if (!Enum.IsDefined(role))
        {
            throw new InvalidStoreArgumentException("role", "角色无效，应为 填报员、审核员 或 管理员");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var agency = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == agencyId, cancellationToken)
            ?? throw new ResourceNotFoundException("agency", $"机关 {agencyId} 不存在");
        var trimmed = name.Trim();
        if (await db.Users.AnyAsync(u => u.Name == trimmed, cancellationToken))
        {
            throw new ResourceExistsException("user", $"用户名“{trimmed}”已被使用");
        }

        var row = new UserRow
        {
            Name = trimmed,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? trimmed : displayName.Trim(),
            Role = (int)role,
            AgencyId = agencyId,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(AuditLog.Record(caller, "user.create", "users/" + row.Id.ToString(CultureInfo.InvariantCulture),
            Json.Serialize(new { name = row.Name, role = role.ToString(), agencyId })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ToUser(row, agency.Path);
    }

    public async Task<User> GetAsync(long id, CancellationToken cancellationToken = default) =>
        await FindAsync(u => u.Id == id, cancellationToken) ?? throw new ResourceNotFoundException("user", $"用户 {id} 不存在");

    public Task<User?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var trimmed = name.Trim();
        return FindAsync(u => u.Name == trimmed, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from u in db.Users.AsNoTracking()
                          join a in db.Agencies.AsNoTracking() on u.AgencyId equals a.Id
                          orderby u.Id
                          select new { u, a.Path }).ToListAsync(cancellationToken);
        return [.. rows.Select(x => ToUser(x.u, x.Path))];
    }

    /// <summary>
    /// Display names of <paramref name="ids"/> in one query (ids of no user are left out), to name comment authors and
    /// history actors to anyone who may read the report; the caller has checked that access, nothing else is returned.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> GetDisplayNamesAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var wanted = ids.Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return new Dictionary<long, string>();
        }

        return await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default) => await db.Users.AnyAsync(cancellationToken);

    private async Task<User?> FindAsync(System.Linq.Expressions.Expression<Func<UserRow, bool>> predicate, CancellationToken cancellationToken)
    {
        var found = await (from u in db.Users.AsNoTracking().Where(predicate)
                           join a in db.Agencies.AsNoTracking() on u.AgencyId equals a.Id
                           select new { u, a.Path }).SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : ToUser(found.u, found.Path);
    }

    internal static User ToUser(UserRow row, string agencyPath) =>
        new(row.Id, row.Name, row.DisplayName, (Role)row.Role, row.AgencyId, AgencyPath.Parse(agencyPath), row.Disabled);
}
