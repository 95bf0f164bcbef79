using System.Globalization;

namespace GovReport.Domain.Agencies;

/// <summary>
/// A materialised path such as "/1/4/9/": the ids from the root to the agency, each followed by '/'.
/// Subtree checks become prefix checks, which SQL can answer with an index (LIKE '/1/4/%').
/// </summary>
public readonly record struct AgencyPath
{
    private AgencyPath(string value)
    {
        Value = value;
    }

    public string Value { get; }

    public static AgencyPath Root(long id) => new(Segment(id));

    public AgencyPath Child(long id) => new(Value + Segment(id).TrimStart('/'));

    public static AgencyPath Parse(string value)
    {
        if (!TryParse(value, out var path))
        {
            throw new FormatException($"机关路径格式错误：“{value}”，应形如 /1/4/9/");
        }

        return path;
    }

    public static bool TryParse(string? value, out AgencyPath path)
    {
        path = default;
        if (string.IsNullOrEmpty(value) || value.Length < 3 || value[0] != '/' || value[^1] != '/')
        {
            return false;
        }

        foreach (var part in value[1..^1].Split('/'))
        {
            if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            {
                return false;
            }
        }

        path = new AgencyPath(value);
        return true;
    }

    /// <summary>The agency's own id: the last segment.</summary>
    public long AgencyId => long.Parse(Value[(Value.LastIndexOf('/', Value.Length - 2) + 1)..^1], CultureInfo.InvariantCulture);

    /// <summary>Number of agencies from the root to this one (a root has depth 1).</summary>
    public int Depth => Value.Count(c => c == '/') - 1;

    /// <summary>True when this is <paramref name="ancestor"/> itself or lies below it.</summary>
    public bool IsSelfOrDescendantOf(AgencyPath ancestor) =>
        ancestor.Value is not null && Value is not null && Value.StartsWith(ancestor.Value, StringComparison.Ordinal);

    /// <summary>True when this lies strictly below <paramref name="ancestor"/>.</summary>
    public bool IsStrictDescendantOf(AgencyPath ancestor) =>
        IsSelfOrDescendantOf(ancestor) && Value.Length > ancestor.Value.Length;

    public override string ToString() => Value;

    private static string Segment(long id)
    {
        if (id <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "机关编号必须为正数");
        }

        return "/" + id.ToString(CultureInfo.InvariantCulture) + "/";
    }
}
