using GovReport.Services.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GovReport.Services.Tests.Proofs.Internal;

/// <summary>
/// The real server (in process, loopback, port 0) with authentication on, a clock the test can move forward
/// (to expire tokens without waiting) and the first-start admin token read from &lt;data-dir&gt;/admin-token.
/// With GOVREPORT_TEST_POSTGRES set (tests/GovReport.Data.Tests/run-postgres.sh, tests/run.sh) the server stores
/// into a fresh PostgreSQL database of its own instead of the SQLite file.
/// </summary>
public class ProofServerFixture : ServerFixture
{
    private readonly Lazy<IReadOnlyDictionary<string, string>> configuration;

    public ProofServerFixture()
    {
        configuration = new Lazy<IReadOnlyDictionary<string, string>>(CreateConfiguration);
    }

    public ShiftableClock Clock { get; } = new();

    /// <summary>The connection string of the PostgreSQL database this server uses, or null on SQLite.</summary>
    public string? PostgresConnectionString { get; private set; }

    public static bool OnPostgres => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PostgresDatabases.EnvironmentVariable));

    public ProofClient Admin => Client(AdminToken);

    /// <summary>A client sending exactly <paramref name="token"/> (none when null), never the fixture's default admin token.</summary>
    public ProofClient Client(string? token) => new(AnonymousChannel, token);

    protected override IReadOnlyDictionary<string, string> Configuration => configuration.Value;

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
    }

    public static string ReadAdminToken(string dataDir)
    {
        var path = Path.Combine(dataDir, "admin-token");
        Assert.True(File.Exists(path), $"the server wrote no admin token file at {path}");
        return File.ReadAllText(path).Trim();
    }

    private Dictionary<string, string> CreateConfiguration()
    {
        var settings = new Dictionary<string, string>();
        if (OnPostgres)
        {
            PostgresConnectionString = PostgresDatabases.CreateFresh();
            settings["GovReport:Database:Provider"] = "postgres";
            settings["GovReport:Database:ConnectionString"] = PostgresConnectionString;
        }

        return settings;
    }
}

/// <summary>Fresh throw-away databases on the PostgreSQL server named by GOVREPORT_TEST_POSTGRES.</summary>
public static class PostgresDatabases
{
    public const string EnvironmentVariable = "GOVREPORT_TEST_POSTGRES";

    public static string CreateFresh()
    {
        var server = Environment.GetEnvironmentVariable(EnvironmentVariable)
            ?? throw new InvalidOperationException(EnvironmentVariable + " is not set");
        var name = "proof_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(server))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // C collation: the data layer's subtree ranges are byte-wise (see server/GovReport.Data/README.md).
            command.CommandText = $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }
}

/// <summary>System time plus an offset the test moves forward (never backward) to make tokens expire.</summary>
public sealed class ShiftableClock : TimeProvider
{
    private long offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));
}
