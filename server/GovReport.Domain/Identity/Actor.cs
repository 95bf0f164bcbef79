using GovReport.Domain.Agencies;

namespace GovReport.Domain.Identity;

/// <summary>The authenticated user on whose behalf an action runs.</summary>
public sealed record Actor(long UserId, string Name, Role Role, long AgencyId, AgencyPath AgencyPath)
{
    public string Describe() => $"{Role.ToChinese()}“{Name}”";
}
