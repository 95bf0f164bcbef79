using System.Globalization;
using GovReport.Data.Entities;
using GovReport.Data.Internal;
using GovReport.Domain.Agencies;
using GovReport.Domain.Identity;
using GovReport.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

public sealed class AgencyStore(GovReportDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Agency> CreateAsync(Caller caller, string name, AgencyKind kind, long? parentId,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageAgencies, null);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidStoreArgumentException("name", "机关名称不能为空");
        }

        if (!kind.IsAssignable())
        {
            throw new InvalidStoreArgumentException("kind", "机关类型无效，应为 人民政府、政府部门 或 乡镇街道");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        AgencyRow? parent = null;
        if (parentId is { } pid)
        {
            parent = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == pid, cancellationToken)
                ?? throw new ResourceNotFoundException("agency", $"上级机关 {pid} 不存在");
        }

        var trimmed = name.Trim();
        if (await db.Agencies.AnyAsync(a => a.Name == trimmed && a.ParentId == parentId, cancellationToken))
        {
            throw new ResourceExistsException("agency", $"同一上级机关下已有名为“{trimmed}”的机关");
        }

        // The path needs the id, which the database assigns: insert with a unique placeholder, then set it.
        var row = new AgencyRow
        {
            Name = trimmed,
            Kind = (int)kind,
            ParentId = parentId,
            Path = "/pending-" + Guid.NewGuid().ToString("N") + "/",
            CreatedAt = clock.GetUtcNow(),
        };
        db.Agencies.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        var path = parent is null ? AgencyPath.Root(row.Id) : AgencyPath.Parse(parent.Path).Child(row.Id);
        row.Path = path.Value;
        await audit.AppendAsync(AuditLog.Record(caller, "agency.create", "agencies/" + row.Id.ToString(CultureInfo.InvariantCulture),
            Json.Serialize(new { name = row.Name, kind = kind.ToChinese(), parentId, path = row.Path })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ToAgency(row);
    }

    public async Task<Agency> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new ResourceNotFoundException("agency", $"机关 {id} 不存在");
        return ToAgency(row);
    }

    /// <summary>The agencies with these ids, in one query (ids that do not exist are left out).</summary>
    public async Task<IReadOnlyDictionary<long, Agency>> GetManyAsync(IEnumerable<long> ids, CancellationToken cancellationToken = default)
    {
        var wanted = ids.Distinct().ToList();
        var rows = await db.Agencies.AsNoTracking().Where(a => wanted.Contains(a.Id)).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, ToAgency);
    }

    /// <summary>All agencies, or those in one subtree, in tree order (by path).</summary>
    public async Task<IReadOnlyList<Agency>> ListAsync(long? subtreeId = null, CancellationToken cancellationToken = default)
    {
        var rows = db.Agencies.AsNoTracking();
        if (subtreeId is { } id)
        {
            var root = await GetAsync(id, cancellationToken);
            rows = rows.Where(PathRange.Within<AgencyRow>(a => a.Path, root.Path.Value));
        }

        var list = await rows.ToListAsync(cancellationToken);
        return [.. list.Select(ToAgency).OrderBy(a => a.Path.Value, StringComparer.Ordinal)];
    }

    public async Task<Agency?> FindByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var row = await db.Agencies.AsNoTracking().Where(a => a.Name == name.Trim()).OrderBy(a => a.Id).FirstOrDefaultAsync(cancellationToken);
        return row is null ? null : ToAgency(row);
    }

    internal static Agency ToAgency(AgencyRow row) =>
        new(row.Id, row.Name, (AgencyKind)row.Kind, row.ParentId, AgencyPath.Parse(row.Path));
}
