using GovReport.Domain.Agencies;

namespace GovReport.Domain.Identity;

/// <summary>A person who can sign in. Every user belongs to exactly one agency.</summary>
public sealed record User
{
    public User(long id, string name, string displayName, Role role, long agencyId, AgencyPath agencyPath, bool disabled = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("用户名不能为空", nameof(name));
        }

        if (!Enum.IsDefined(role))
        {
            throw new ArgumentOutOfRangeException(nameof(role), role, "未知角色");
        }

        Id = id;
        Name = name.Trim();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? Name : displayName.Trim();
        Role = role;
        AgencyId = agencyId;
        AgencyPath = agencyPath;
        Disabled = disabled;
    }

    public long Id { get; }

    public string Name { get; }

    public string DisplayName { get; }

    public Role Role { get; }

    public long AgencyId { get; }

    public AgencyPath AgencyPath { get; }

    public bool Disabled { get; }

    public Actor ToActor() => new(Id, Name, Role, AgencyId, AgencyPath);
}
