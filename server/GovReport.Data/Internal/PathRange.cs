using System.Linq.Expressions;

namespace GovReport.Data.Internal;

/// <summary>
/// "In the subtree of /1/4/" as an index-friendly range: path &gt;= "/1/4/" AND path &lt; "/1/40". Paths hold only
/// digits and '/', and '0' is the character after '/', so the range is exactly the paths starting with the
/// prefix. (LIKE 'x%' cannot use an index on SQLite because its LIKE is case-insensitive.)
/// </summary>
internal static class PathRange
{
    public static Expression<Func<T, bool>> Within<T>(Expression<Func<T, string>> path, string prefix)
    {
        if (prefix.Length == 0 || prefix[^1] != '/')
        {
            throw new ArgumentException("路径前缀必须以 / 结尾", nameof(prefix));
        }

        // Bounds are read from a closure object so EF sends them as parameters and reuses one compiled query.
        var bounds = Expression.Constant(new Bounds(prefix, prefix[..^1] + "0"));
        var compare = typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!;
        var body = Expression.AndAlso(
            Expression.GreaterThanOrEqual(
                Expression.Call(compare, path.Body, Expression.Field(bounds, nameof(Bounds.Lower))), Expression.Constant(0)),
            Expression.LessThan(
                Expression.Call(compare, path.Body, Expression.Field(bounds, nameof(Bounds.Upper))), Expression.Constant(0)));
        return Expression.Lambda<Func<T, bool>>(body, path.Parameters);
    }

    private sealed class Bounds(string lower, string upper)
    {
        public readonly string Lower = lower;
        public readonly string Upper = upper;
    }
}
