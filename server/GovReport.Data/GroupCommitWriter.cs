using System.Threading.Channels;
using GovReport.Data.Internal;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovReport.Data;

/// <summary>
/// Group commit for SQLite report writes. Concurrent writes are queued to one writer thread that owns one
/// connection: it takes whatever is queued (up to <see cref="MaxBatch"/>), runs each write in its own
/// SAVEPOINT inside one <c>BEGIN IMMEDIATE</c> transaction and commits once, so a batch costs one WAL fsync
/// (<c>synchronous=FULL</c>) instead of one per write. Every caller is answered only after that COMMIT has
/// returned, so an acknowledged write is as durable as before. A write that fails (stale etag, workflow
/// refusal, bad input) is rolled back to its savepoint and gets its own exception; the rest of the batch
/// commits. If the COMMIT itself fails, every write of the batch gets that error and none is acknowledged.
/// While one batch commits, the next one queues up, so batches grow with load and stay at one write when idle.
/// The writer is a thread of its own, not a thread-pool task: SQLite's calls are synchronous (Microsoft.Data.Sqlite's
/// async methods run synchronously), and the COMMIT blocks in fsync for milliseconds per batch, which on a
/// thread-pool thread would take one of the few workers (two on a 2-core machine) away from the requests.
/// WAL checkpoints are not run by these COMMITs (<c>wal_autocheckpoint=0</c>) but by <see cref="WalCheckpointer"/>.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Upper bound on writes per transaction (bounds the latency of the last one in a batch).</summary>
    public const int MaxBatch = 128;

    private readonly Channel<WriteItem> queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DatabaseOptions options;
    private readonly TimeProvider clock;
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long batches;
    private long writes;
    private int pending;
    private WalCheckpointer? checkpointer;

    public GroupCommitWriter(DatabaseOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new ArgumentException("group commit is for SQLite; PostgreSQL commits each write in its own transaction", nameof(options));
        }

        this.options = options;
        this.clock = clock;
        new Thread(Run) { IsBackground = true, Name = "GovReport group commit" }.Start();
    }

    /// <summary>Writes queued and not yet taken into a batch.</summary>
    public int Pending => Volatile.Read(ref pending);

    /// <summary>WAL checkpoints run by the writer's checkpoint thread so far.</summary>
    public long Checkpoints => checkpointer?.Checkpoints ?? 0;

    /// <summary>Committed batches and writes so far (the bench prints the average batch size).</summary>
    public (long Batches, long Writes) Counts => (Interlocked.Read(ref batches), Interlocked.Read(ref writes));

    /// <summary>
    /// Runs <paramref name="work"/> on the writer's <see cref="ReportStore"/> inside the next batch and returns
    /// its result once the batch has committed. <paramref name="work"/> must do its writes and SaveChanges
    /// through the store it is given (never through another context) and must not begin a transaction.
    /// </summary>
    public Task<T> RunAsync<T>(Func<ReportStore, CancellationToken, Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        var item = new WriteItem<T>(work, cancellationToken);
        Interlocked.Increment(ref pending);
        if (!queue.Writer.TryWrite(item))
        {
            Interlocked.Decrement(ref pending);
            throw new ObjectDisposedException(nameof(GroupCommitWriter), "服务器正在关闭，写入未执行");
        }

        return item.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopped.Task.ConfigureAwait(false);
        checkpointer?.Dispose();
    }

    private void Run()
    {
        try
        {
            RunLoop();
        }
        finally
        {
            stopped.TrySetResult();
        }
    }

    private void RunLoop()
    {
        var batch = new List<WriteItem>(MaxBatch);
        while (WaitForWork())
        {
            try
            {
                using var db = GovReportDatabase.CreateContext(options);

                // The batch's own savepoints isolate each write; EF's automatic ones would only add statements.
                db.Database.AutoSavepointsEnabled = false;
                db.Database.OpenConnection();

                // Checkpoints happen off this thread (WalCheckpointer), not inside the COMMITs callers wait for.
                db.Database.ExecuteSqlRaw("PRAGMA wal_autocheckpoint=0;");
                checkpointer ??= new WalCheckpointer(db.Database.GetConnectionString()!);
                using var commands = new SqliteWriteCommands((SqliteConnection)db.Database.GetDbConnection());
                var audit = new AuditLog(db, clock) { HeadKeptByWriter = true };
                var store = new ReportStore(db, audit, clock) { Prepared = commands };
                while (WaitForWork())
                {
                    batch.Clear();
                    while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                    {
                        Interlocked.Decrement(ref pending);
                        batch.Add(item);
                    }

                    RunBatch(db, commands, store, audit, batch);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The connection itself failed (e.g. the file became unreadable): fail what is queued and start over
                // with a fresh context, so the server keeps answering instead of hanging its writers.
                foreach (var item in batch)
                {
                    item.Fail(e);
                }

                batch.Clear();
                Thread.Sleep(100);
            }
        }
    }

    /// <summary>Blocks the writer thread until a write is queued; false once the queue is closed and empty.</summary>
    private bool WaitForWork()
    {
        var wait = queue.Reader.WaitToReadAsync();
        return wait.IsCompletedSuccessfully ? wait.Result : wait.AsTask().GetAwaiter().GetResult();
    }

    private void RunBatch(GovReportDbContext db, SqliteWriteCommands commands, ReportStore store, AuditLog audit, List<WriteItem> batch)
    {
        var succeeded = 0;
        try
        {
            using var transaction = db.Database.BeginTransaction();
            commands.Transaction = (SqliteTransaction)transaction.GetDbTransaction();

            // The remembered audit head is this connection's last entry; if anyone else appended since (agency, user and
            // token writes run outside the writer), it is read again. The write lock is held from here to the COMMIT.
            if (commands.OthersCommitted())
            {
                audit.ForgetHead();
            }

            for (var i = 0; i < batch.Count; i++)
            {
                var item = batch[i];
                if (item.CancellationToken.IsCancellationRequested)
                {
                    item.Fail(new OperationCanceledException(item.CancellationToken));
                    batch[i] = Done.Instance;
                }
                else if (TryRun(db, commands, store, audit, item))
                {
                    succeeded++;
                }
                else
                {
                    batch[i] = Done.Instance;
                }
            }

            if (succeeded > 0)
            {
                transaction.Commit();
                checkpointer?.CommitDone();
            }

            commands.Transaction = null;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // BEGIN, a savepoint statement or COMMIT failed: nothing of this batch is acknowledged, and what the writer
            // remembered of the database (the audit head, the data version) may describe a rolled-back state.
            commands.Transaction = null;
            commands.ForgetDataVersion();
            db.ChangeTracker.Clear();
            audit.ForgetHead();
            foreach (var item in batch)
            {
                item.Fail(e);
            }

            throw;
        }

        Interlocked.Increment(ref batches);
        Interlocked.Add(ref writes, succeeded);

        // Callers hear of their write only now, after the COMMIT (and its fsync) returned.
        foreach (var item in batch)
        {
            item.Complete();
        }
    }

    private static bool TryRun(GovReportDbContext db, SqliteWriteCommands commands, ReportStore store, AuditLog audit, WriteItem item)
    {
        var head = audit.RememberedHead;
        commands.Savepoint();
        Exception failure;
        try
        {
            // On SQLite the work completes synchronously (its statements do); a write that really awaits something
            // holds the writer, as it did when the writer was a task.
            item.ExecuteAsync(store).GetAwaiter().GetResult();
            ClearTracked(db);
            commands.ReleaseSavepoint();
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }

        // Undo exactly this write; the statements of the writes before it stay in the transaction, and the audit chain
        // continues from the entry before it.
        db.ChangeTracker.Clear();
        audit.RestoreHead(head);
        commands.RollbackToSavepoint();
        commands.ReleaseSavepoint();
        item.Fail(failure);
        return false;
    }

    // A content save (prepared statements) tracks nothing; the EF writes (create, workflow steps, comments) do.
    private static void ClearTracked(GovReportDbContext db)
    {
        if (db.ChangeTracker.Entries().Any())
        {
            db.ChangeTracker.Clear();
        }
    }

    private abstract class WriteItem(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task ExecuteAsync(ReportStore store);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    // Stands in the batch for a write already answered (failed or cancelled), so Complete() skips it.
    private sealed class Done() : WriteItem(CancellationToken.None)
    {
        public static readonly Done Instance = new();

        public override Task ExecuteAsync(ReportStore store) => Task.CompletedTask;

        public override void Complete()
        {
        }

        public override void Fail(Exception exception)
        {
        }
    }

    private sealed class WriteItem<T>(Func<ReportStore, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
        : WriteItem(cancellationToken)
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? result;

        public Task<T> Task => completion.Task;

        public override async Task ExecuteAsync(ReportStore store) => result = await work(store, CancellationToken).ConfigureAwait(false);

        public override void Complete() => completion.TrySetResult(result!);

        public override void Fail(Exception exception) => completion.TrySetException(exception);
    }
}
