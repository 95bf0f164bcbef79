using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace GovReport.Data;

public enum DatabaseProvider
{
    Sqlite = 1,
    Postgres,
}

/// <summary>
/// Where the data lives. Read from configuration: <c>GovReport:Database:Provider</c> (sqlite | postgres,
/// default sqlite), <c>GovReport:Database:ConnectionString</c> (default
/// <c>Data Source={dataDir}/govreport.db</c>), <c>GovReport:DataDir</c> (default ./data).
/// </summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string FileName = "govreport.db";

    public static DatabaseOptions ForSqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, "Data Source=" + path);

    public static DatabaseOptions FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerText = configuration["GovReport:Database:Provider"];
        var provider = providerText?.Trim().ToUpperInvariant() switch
        {
            null or "" or "SQLITE" => DatabaseProvider.Sqlite,
            "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
            _ => throw new InvalidOperationException(
                $"配置项 GovReport:Database:Provider 的值“{providerText}”无效，应为 sqlite 或 postgres"),
        };
        var connectionString = configuration["GovReport:Database:ConnectionString"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("使用 PostgreSQL 时必须配置 GovReport:Database:ConnectionString");
            }

            var dataDir = configuration["GovReport:DataDir"];
            connectionString = "Data Source=" + Path.Combine(string.IsNullOrWhiteSpace(dataDir) ? "data" : dataDir, FileName);
        }

        return new DatabaseOptions(provider, connectionString);
    }

    /// <summary>The SQLite file this configuration points at, or null for PostgreSQL or in-memory databases.</summary>
    public string? SqliteFilePath
    {
        get
        {
            if (Provider != DatabaseProvider.Sqlite)
            {
                return null;
            }

            var dataSource = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" ? null : Path.GetFullPath(dataSource);
        }
    }
}
