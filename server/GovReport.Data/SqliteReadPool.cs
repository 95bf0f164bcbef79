using System.Collections.Concurrent;
using GovReport.Data.Entities;
using Microsoft.Data.Sqlite;

namespace GovReport.Data;

/// <summary>
/// SQLite only: long-lived read connections for the save path's one hot read (a report, last year's report and their
/// agency), its statement prepared once per connection. Through EF every save opened a pooled connection (re-registering
/// EF's SQL functions on it), built a command and closed it again: about a tenth of the server's CPU per save. Each
/// read is its own statement, so it sees every commit made before it (WAL: readers never wait for the writer), and the
/// reader is disposed before the connection goes back, so no read transaction is held while idle. Values are read with
/// the same Microsoft.Data.Sqlite getters EF's SQLite mappings use.
/// </summary>
public sealed class SqliteReadPool : IDisposable
{
    /// <summary>Idle connections kept; more concurrent reads open extra ones that are closed afterwards.</summary>
    public const int MaxIdle = 8;

    // Column order of both SELECTs below; the snake_case names EF gives the row properties.
    private const string ReportColumns =
        "r.id, r.agency_id, r.agency_path, r.agency_name, r.year, r.template, r.state, r.etag, r.revision, r.publication_date, "
        + "r.error_count, r.warning_count, r.editors, r.submitted_by, r.approved_by, r.approver_agency_path, r.created_by, "
        + "r.created_at, r.updated_at, r.updated_ticks, r.state_rank";

    private const string AgencyColumns = "a.id, a.name, a.kind, a.parent_id, a.path, a.created_at";

    private const string ReportAndPreviousSql =
        "SELECT " + ReportColumns + ", " + AgencyColumns + " FROM reports AS r INNER JOIN agencies AS a ON r.agency_id = a.id "
        + "WHERE r.agency_id = $agency AND (r.year = $year OR r.year = $year - 1)";

    private readonly string connectionString;
    private readonly ConcurrentBag<Reader> idle = [];
    private int disposed;

    public SqliteReadPool(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new ArgumentException("SqliteReadPool 仅用于 SQLite", nameof(options));
        }

        // Its own connections, kept open here: Microsoft.Data.Sqlite's pool would only add a lookup per use.
        connectionString = new SqliteConnectionStringBuilder(GovReportDatabase.SqliteConnectionString(options.ConnectionString)) { Pooling = false }.ToString();
    }

    /// <summary>The reports of <paramref name="agencyId"/> for <paramref name="year"/> and the year before, each with the agency's row.</summary>
    public List<(ReportRow Report, AgencyRow Agency)> ReportAndPrevious(long agencyId, int year)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        var reader = idle.TryTake(out var taken) ? taken : new Reader(connectionString);
        try
        {
            var rows = reader.ReportAndPrevious(agencyId, year);
            Return(reader);
            return rows;
        }
        catch
        {
            // A connection that failed (e.g. the file went away) is not reused.
            reader.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        while (idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private void Return(Reader reader)
    {
        if (Volatile.Read(ref disposed) == 0 && idle.Count < MaxIdle)
        {
            idle.Add(reader);
        }
        else
        {
            reader.Dispose();
        }
    }

    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand reportAndPrevious;

        public Reader(string connectionString)
        {
            connection = new SqliteConnection(connectionString);
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                // Readers in WAL mode do not wait for the writer; query_only makes a stray write here an error. The
                // read touches a handful of index and table pages (the OS caches the file): a 256 KiB page cache
                // instead of SQLite's default 2 MiB keeps eight readers from adding 16 MiB to the server's memory.
                pragmas.CommandText = "PRAGMA busy_timeout=30000; PRAGMA query_only=1; PRAGMA cache_size=-256;";
                pragmas.ExecuteNonQuery();
            }

            reportAndPrevious = connection.CreateCommand();
            reportAndPrevious.CommandText = ReportAndPreviousSql;
            reportAndPrevious.Parameters.Add("$agency", SqliteType.Integer);
            reportAndPrevious.Parameters.Add("$year", SqliteType.Integer);
            reportAndPrevious.Prepare();
        }

        public List<(ReportRow Report, AgencyRow Agency)> ReportAndPrevious(long agencyId, int year)
        {
            reportAndPrevious.Parameters[0].Value = agencyId;
            reportAndPrevious.Parameters[1].Value = year;
            var rows = new List<(ReportRow, AgencyRow)>(2);
            using var reader = reportAndPrevious.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((ReadReport(reader), ReadAgency(reader, 21)));
            }

            return rows;
        }

        public void Dispose()
        {
            reportAndPrevious.Dispose();
            connection.Dispose();
        }

        private static ReportRow ReadReport(SqliteDataReader r) => new()
        {
            Id = r.GetInt64(0),
            AgencyId = r.GetInt64(1),
            AgencyPath = r.GetString(2),
            AgencyName = r.GetString(3),
            Year = r.GetInt32(4),
            Template = r.GetString(5),
            State = r.GetString(6),
            Etag = r.GetString(7),
            Revision = r.GetInt32(8),
            PublicationDate = r.IsDBNull(9) ? null : r.GetFieldValue<DateOnly>(9),
            ErrorCount = r.GetInt32(10),
            WarningCount = r.GetInt32(11),
            Editors = r.GetString(12),
            SubmittedBy = r.IsDBNull(13) ? null : r.GetInt64(13),
            ApprovedBy = r.IsDBNull(14) ? null : r.GetInt64(14),
            ApproverAgencyPath = r.IsDBNull(15) ? null : r.GetString(15),
            CreatedBy = r.GetInt64(16),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(17),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(18),
            UpdatedTicks = r.GetInt64(19),
            StateRank = r.GetInt32(20),
        };

        private static AgencyRow ReadAgency(SqliteDataReader r, int first) => new()
        {
            Id = r.GetInt64(first),
            Name = r.GetString(first + 1),
            Kind = r.GetInt32(first + 2),
            ParentId = r.IsDBNull(first + 3) ? null : r.GetInt64(first + 3),
            Path = r.GetString(first + 4),
            CreatedAt = r.GetFieldValue<DateTimeOffset>(first + 5),
        };
    }
}
