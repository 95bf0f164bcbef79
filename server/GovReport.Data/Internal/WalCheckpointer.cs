using Microsoft.Data.Sqlite;

namespace GovReport.Data.Internal;

/// <summary>
/// Checkpoints the group-commit writer's WAL on a thread of its own. SQLite's automatic checkpoint runs inside the
/// COMMIT that pushes the WAL past 1,000 pages: it copies those pages into the database file and fsyncs it while the
/// whole batch waits for its answer (a latency spike every ~100 saves). The writer's connection therefore runs with
/// <c>wal_autocheckpoint=0</c> and calls <see cref="CommitDone"/> after each COMMIT; at most every
/// <see cref="Interval"/> this thread runs <c>PRAGMA wal_checkpoint(PASSIVE)</c> on its own connection. PASSIVE never
/// waits for readers or the writer and never blocks them; what it cannot copy now is copied next time. Durability
/// is unchanged: a commit is durable once its WAL frames are fsynced, whenever they are checkpointed.
/// </summary>
internal sealed class WalCheckpointer : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly string connectionString;
    private readonly AutoResetEvent due = new(false);
    private readonly Thread thread;
    private volatile bool stopping;
    private long checkpoints;

    public WalCheckpointer(string connectionString)
    {
        // Its own physical connection, never one of the pool's (a checkpoint can take a while).
        this.connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        thread = new Thread(Run) { IsBackground = true, Name = "GovReport WAL checkpoint" };
        thread.Start();
    }

    /// <summary>Checkpoints run so far (tests, diagnostics).</summary>
    public long Checkpoints => Interlocked.Read(ref checkpoints);

    /// <summary>The writer committed: there are WAL frames to copy.</summary>
    public void CommitDone() => due.Set();

    public void Dispose()
    {
        stopping = true;
        due.Set();
        thread.Join();
        due.Dispose();
    }

    private void Run()
    {
        SqliteConnection? connection = null;
        try
        {
            while (true)
            {
                due.WaitOne();
                if (stopping)
                {
                    return;
                }

                try
                {
                    if (connection is null)
                    {
                        connection = new SqliteConnection(connectionString);
                        connection.Open();
                    }

                    using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
                    command.ExecuteNonQuery();
                    Interlocked.Increment(ref checkpoints);
                }
                catch (SqliteException)
                {
                    // The next commit asks again; a connection that failed is opened anew.
                    connection?.Dispose();
                    connection = null;
                }

                // Commits during the pause are copied by the next checkpoint, together.
                Thread.Sleep(Interval);
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}
