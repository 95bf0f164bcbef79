using System.Globalization;
using System.Text;
using GovReport.Domain.Agencies;
using GovReport.Domain.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovReport.Data.Internal;

/// <summary>
/// Table 三 roll-ups kept up to date in SQL. <c>applications_rollup</c> has one row per (agency, year,
/// state) with a report count and one integer column per table 三 cell (value × 10 000). Every report write
/// adds its change (new − old) to the rows of the report's agency and of every ancestor, in the same
/// transaction as the write; so a roll-up over any subtree is SUM over at most five rows instead of a scan
/// of ~175 cells × every report. The exact scan over report_cells stays available and the tests check the
/// two agree.
/// </summary>
internal static class ApplicationsRollup
{
    public const string Table = "applications_rollup";

    /// <summary>Every table 三 address of both templates, in a fixed order, with its column name.</summary>
    public static readonly IReadOnlyList<(string Address, string Column)> Columns = BuildColumns();

    private static readonly Dictionary<string, string> ColumnByAddress =
        Columns.ToDictionary(c => c.Address, c => c.Column, StringComparer.Ordinal);

    public static bool IsApplicationsCell(string address) => ColumnByAddress.ContainsKey(address);

    /// <summary>Adds <paramref name="delta"/> (scaled values by address) and <paramref name="countDelta"/> to the agency and its ancestors.</summary>
    public static async Task ApplyAsync(GovReportDbContext db, AgencyPath agencyPath, int year, string state,
        IReadOnlyDictionary<string, long> delta, int countDelta, CancellationToken cancellationToken)
    {
        if (Upsert(agencyPath, year, state, delta, countDelta, i => "{" + i.ToString(CultureInfo.InvariantCulture) + "}") is not { } upsert)
        {
            return;
        }

        var (sql, parameters) = upsert;
        await db.Database.ExecuteSqlRawAsync(sql, parameters, cancellationToken);
    }

    /// <summary>
    /// <see cref="ApplyAsync"/> through the group-commit writer's prepared statements (one per set of changed cells
    /// and ancestry depth, so an editor's repeated saves of the same cells reuse one).
    /// </summary>
    public static void Apply(SqliteWriteCommands commands, AgencyPath agencyPath, int year, string state,
        IReadOnlyDictionary<string, long> delta, int countDelta)
    {
        if (Upsert(agencyPath, year, state, delta, countDelta, i => "$p" + i.ToString(CultureInfo.InvariantCulture)) is not { } upsert)
        {
            return;
        }

        var (sql, parameters) = upsert;
        var command = commands.Prepared(sql, parameters.Count);
        for (var i = 0; i < parameters.Count; i++)
        {
            command.Parameters[i].Value = parameters[i];
        }

        command.ExecuteNonQuery();
    }

    // One multi-row upsert for the agency and all its ancestors (distinct keys, so valid on both providers); null when
    // nothing changes. The SQL depends only on the changed columns and the depth, the values are parameters.
    private static (string Sql, List<object> Parameters)? Upsert(AgencyPath agencyPath, int year, string state,
        IReadOnlyDictionary<string, long> delta, int countDelta, Func<int, string> placeholder)
    {
        var changed = delta.Where(d => d.Value != 0 && ColumnByAddress.ContainsKey(d.Key)).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (changed.Count == 0 && countDelta == 0)
        {
            return null;
        }

        var columns = changed.Select(d => ColumnByAddress[d.Key]).ToList();
        var agencies = AncestorsAndSelf(agencyPath).ToList();
        var sql = new StringBuilder();
        sql.Append("INSERT INTO ").Append(Table).Append(" (agency_id, year, state, report_count");
        foreach (var column in columns)
        {
            sql.Append(", ").Append(column);
        }

        sql.Append(") VALUES ");
        var parameters = new List<object>(agencies.Count * (4 + changed.Count));
        foreach (var agencyId in agencies)
        {
            var first = parameters.Count;
            parameters.AddRange([agencyId, year, state, countDelta]);
            parameters.AddRange(changed.Select(d => (object)d.Value));
            sql.Append(first == 0 ? "(" : ", (");
            for (var i = first; i < parameters.Count; i++)
            {
                sql.Append(i == first ? "" : ", ").Append(placeholder(i));
            }

            sql.Append(')');
        }

        sql.Append(" ON CONFLICT (agency_id, year, state) DO UPDATE SET report_count = ")
            .Append(Table).Append(".report_count + excluded.report_count");
        foreach (var column in columns)
        {
            sql.Append(", ").Append(column).Append(" = ").Append(Table).Append('.').Append(column).Append(" + excluded.").Append(column);
        }

        return (sql.ToString(), parameters);
    }

    /// <summary>The scaled table 三 values of one stored report, by address.</summary>
    public static async Task<Dictionary<string, long>> LoadVectorAsync(GovReportDbContext db, long reportId, CancellationToken cancellationToken)
    {
        var cells = await db.ReportCells.AsNoTracking()
            .Where(c => c.ReportId == reportId && c.ValueScaled != null && EF.Functions.Like(c.Address, "applications.%"))
            .Select(c => new { c.Address, c.ValueScaled })
            .ToListAsync(cancellationToken);
        return cells.ToDictionary(c => c.Address, c => c.ValueScaled!.Value, StringComparer.Ordinal);
    }

    public static Dictionary<string, long> Vector(IEnumerable<Entities.ReportCellRow> cells) =>
        cells.Where(c => c.ValueScaled is not null && ColumnByAddress.ContainsKey(c.Address))
            .ToDictionary(c => c.Address, c => c.ValueScaled!.Value, StringComparer.Ordinal);

    public static Dictionary<string, long> Difference(IReadOnlyDictionary<string, long> after, IReadOnlyDictionary<string, long> before)
    {
        var result = new Dictionary<string, long>(after, StringComparer.Ordinal);
        foreach (var (address, value) in before)
        {
            result[address] = result.GetValueOrDefault(address) - value;
        }

        return result;
    }

    public static Dictionary<string, long> Negate(IReadOnlyDictionary<string, long> vector) =>
        vector.ToDictionary(v => v.Key, v => -v.Value, StringComparer.Ordinal);

    /// <summary>Reads the maintained sums for one agency's subtree and year, optionally for one state.</summary>
    public static async Task<RollUp> ReadAsync(GovReportDbContext db, long agencyId, int year, string? state, CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT COALESCE(SUM(report_count), 0)");
        foreach (var (_, column) in Columns)
        {
            sql.Append(", COALESCE(SUM(").Append(column).Append("), 0)");
        }

        sql.Append(" FROM ").Append(Table).Append(" WHERE agency_id = @agency AND year = @year");
        if (state is not null)
        {
            sql.Append(" AND state = @state");
        }

        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = sql.ToString();
            AddParameter(command, "@agency", agencyId);
            AddParameter(command, "@year", year);
            if (state is not null)
            {
                AddParameter(command, "@state", state);
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var count = Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture);
            var sums = new Dictionary<string, decimal>(StringComparer.Ordinal);
            for (var i = 0; i < Columns.Count; i++)
            {
                sums[Columns[i].Address] = Convert.ToInt64(reader.GetValue(i + 1), CultureInfo.InvariantCulture) / ReportStore.Scale;
            }

            return new RollUp(count, sums);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    private static void AddParameter(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static IEnumerable<long> AncestorsAndSelf(AgencyPath path) =>
        path.Value.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture));

    private static List<(string, string)> BuildColumns()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var columns = new List<(string, string)>();
        foreach (var template in new[] { TemplateRegistry.Template2021, TemplateRegistry.Template2019 })
        {
            foreach (var cell in template.Cells)
            {
                if (cell.Address.StartsWith("applications.", StringComparison.Ordinal) && seen.Add(cell.Address))
                {
                    columns.Add((cell.Address, "a_" + cell.Address["applications.".Length..].Replace('.', '_')));
                }
            }
        }

        return columns;
    }
}
