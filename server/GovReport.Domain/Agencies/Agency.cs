using GovReport.Domain.Reports;

namespace GovReport.Domain.Agencies;

/// <summary>An agency in the tree, e.g. 宁波市 → 北仑区 → 北仑区人民政府办公室.</summary>
public sealed record Agency
{
    public Agency(long id, string name, AgencyKind kind, long? parentId, AgencyPath path)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(id);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("机关名称不能为空", nameof(name));
        }

        if (!kind.IsAssignable())
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "机关类型无效，应为 人民政府、政府部门 或 乡镇街道");
        }

        if (path.AgencyId != id)
        {
            throw new ArgumentException($"机关路径 {path} 的末段与编号 {id} 不一致", nameof(path));
        }

        Id = id;
        Name = name.Trim();
        Kind = kind;
        ParentId = parentId;
        Path = path;
    }

    public long Id { get; }

    public string Name { get; }

    public AgencyKind Kind { get; }

    public long? ParentId { get; }

    public AgencyPath Path { get; }

    public static Agency CreateRoot(long id, string name, AgencyKind kind) =>
        new(id, name, kind, null, AgencyPath.Root(id));

    public Agency CreateChild(long id, string name, AgencyKind kind) =>
        new(id, name, kind, Id, Path.Child(id));

    public bool IsSelfOrAncestorOf(Agency other) => other.Path.IsSelfOrDescendantOf(Path);

    public bool IsStrictAncestorOf(Agency other) => other.Path.IsStrictDescendantOf(Path);
}
