using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GovReport.Data;

/// <summary>
/// Group commit for SQLite report writes. Concurrent writes are queued to one writer task that owns one
/// connection: it takes whatever is queued (up to <see cref="MaxBatch"/>), runs each write in its own
/// SAVEPOINT inside one <c>BEGIN IMMEDIATE</c> transaction and commits once, so a batch costs one WAL fsync
/// (<c>synchronous=FULL</c>) instead of one per write. Every caller is answered only after that COMMIT has
/// returned, so an acknowledged write is as durable as before. A write that fails (stale etag, workflow
/// refusal, bad input) is rolled back to its savepoint and gets its own exception; the rest of the batch
/// commits. If the COMMIT itself fails, every write of the batch gets that error and none is acknowledged.
/// While one batch commits, the next one queues up, so batches grow with load and stay at one write when idle.
/// </summary>
public sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>Upper bound on writes per transaction (bounds the latency of the last one in a batch).</summary>
    public const int MaxBatch = 128;

    private const string Savepoint = "gc_write";

    private readonly Channel<WriteItem> queue = Channel.CreateUnbounded<WriteItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DatabaseOptions options;
    private readonly TimeProvider clock;
    private readonly Task loop;
    private long batches;
    private long writes;
    private int pending;

    public GroupCommitWriter(DatabaseOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new ArgumentException("group commit is for SQLite; PostgreSQL commits each write in its own transaction", nameof(options));
        }

        this.options = options;
        this.clock = clock;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Writes queued and not yet taken into a batch.</summary>
    public int Pending => Volatile.Read(ref pending);

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
        await loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<WriteItem>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                var db = GovReportDatabase.CreateContext(options);
                await using (db.ConfigureAwait(false))
                {
                    // The batch's own savepoints isolate each write; EF's automatic ones would only add statements.
                    db.Database.AutoSavepointsEnabled = false;
                    var audit = new AuditLog(db, clock);
                    var store = new ReportStore(db, audit, clock);
                    await db.Database.OpenConnectionAsync().ConfigureAwait(false);
                    while (await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
                    {
                        batch.Clear();
                        while (batch.Count < MaxBatch && queue.Reader.TryRead(out var item))
                        {
                            Interlocked.Decrement(ref pending);
                            batch.Add(item);
                        }

                        await RunBatchAsync(db, store, audit, batch).ConfigureAwait(false);
                    }
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
                await Task.Delay(100).ConfigureAwait(false);
            }
        }
    }

    private async Task RunBatchAsync(GovReportDbContext db, ReportStore store, AuditLog audit, List<WriteItem> batch)
    {
        var succeeded = new List<WriteItem>(batch.Count);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync().ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                foreach (var item in batch)
                {
                    if (item.CancellationToken.IsCancellationRequested)
                    {
                        item.Fail(new OperationCanceledException(item.CancellationToken));
                        continue;
                    }

                    if (await TryRunAsync(db, store, audit, transaction, item).ConfigureAwait(false))
                    {
                        succeeded.Add(item);
                    }
                }

                if (succeeded.Count > 0)
                {
                    await transaction.CommitAsync().ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // BEGIN, a savepoint statement or COMMIT failed: nothing of this batch is acknowledged.
            db.ChangeTracker.Clear();
            audit.ForgetHead();
            foreach (var item in batch)
            {
                item.Fail(e);
            }

            throw;
        }

        Interlocked.Increment(ref batches);
        Interlocked.Add(ref writes, succeeded.Count);
        foreach (var item in succeeded)
        {
            item.Complete();
        }
    }

    private static async Task<bool> TryRunAsync(GovReportDbContext db, ReportStore store, AuditLog audit, IDbContextTransaction transaction,
        WriteItem item)
    {
        await transaction.CreateSavepointAsync(Savepoint).ConfigureAwait(false);
        Exception failure;
        try
        {
            await item.ExecuteAsync(store).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            await transaction.ReleaseSavepointAsync(Savepoint).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failure = e;
        }

        // Undo exactly this write; the statements of the writes before it stay in the transaction.
        db.ChangeTracker.Clear();
        audit.ForgetHead();
        await transaction.RollbackToSavepointAsync(Savepoint).ConfigureAwait(false);
        await transaction.ReleaseSavepointAsync(Savepoint).ConfigureAwait(false);
        item.Fail(failure);
        return false;
    }

    private abstract class WriteItem(CancellationToken cancellationToken)
    {
        public CancellationToken CancellationToken { get; } = cancellationToken;

        public abstract Task ExecuteAsync(ReportStore store);

        public abstract void Complete();

        public abstract void Fail(Exception exception);
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
