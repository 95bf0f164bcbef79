using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using GovReport.Domain.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GovReport.Data;

/// <summary>
/// How long <see cref="TokenAuthenticationCache"/> trusts what it read and how many tokens it keeps. Configuration:
/// <c>GovReport:Authentication:CacheSeconds</c> (default 5; 0 switches the cache off) and
/// <c>GovReport:Authentication:CacheEntries</c> (default 10,000).
/// </summary>
public sealed record TokenAuthenticationCacheOptions(TimeSpan TimeToLive, int Capacity)
{
    public const string TimeToLiveKey = "GovReport:Authentication:CacheSeconds";
    public const string CapacityKey = "GovReport:Authentication:CacheEntries";

    // Revocations by another process (a second server, the CLI's embedded server) wait this long at most.
    private static readonly TimeSpan MaxTimeToLive = TimeSpan.FromMinutes(5);

    public static TokenAuthenticationCacheOptions Default { get; } = new(TimeSpan.FromSeconds(5), 10_000);

    public static TokenAuthenticationCacheOptions FromConfiguration(IConfiguration? configuration)
    {
        var ttl = Default.TimeToLive;
        var capacity = Default.Capacity;
        if (configuration?[TimeToLiveKey] is { Length: > 0 } ttlText)
        {
            if (!double.TryParse(ttlText, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                || seconds < 0 || seconds > MaxTimeToLive.TotalSeconds)
            {
                throw new InvalidOperationException(
                    $"配置项 {TimeToLiveKey} 的值“{ttlText}”无效，应为 0 到 {MaxTimeToLive.TotalSeconds:0} 之间的秒数（0 表示不缓存）");
            }

            ttl = TimeSpan.FromSeconds(seconds);
        }

        if (configuration?[CapacityKey] is { Length: > 0 } capacityText)
        {
            if (!int.TryParse(capacityText, NumberStyles.Integer, CultureInfo.InvariantCulture, out capacity) || capacity < 1)
            {
                throw new InvalidOperationException($"配置项 {CapacityKey} 的值“{capacityText}”无效，应为正整数");
            }
        }

        return new TokenAuthenticationCacheOptions(ttl, capacity);
    }
}

/// <summary>
/// Successful token authentications of the last few seconds, so a known token costs a SHA-256 and a dictionary
/// lookup instead of two queries. Keyed by the token's SHA-256 hash (the secret is never kept); holds the user as
/// <see cref="TokenStore"/> read it and the token's expiry, which every hit checks against the clock again.
/// Only valid tokens are cached: unknown, malformed, revoked and disabled-user results always go to the database.
/// <para>
/// Writes through this process take effect on the next call: <see cref="TokenStore"/> drops a token it revokes, and
/// any write that changes what <see cref="UserStore"/> returns for a user (disabled flag, role, agency, the agency's
/// path) must call <see cref="InvalidateUser"/> or <see cref="InvalidateAll"/> after its commit. Writes by another
/// process (a second server on the same PostgreSQL database, the CLI's embedded server on the same SQLite file) are
/// seen once the entry is older than <see cref="TokenAuthenticationCacheOptions.TimeToLive"/>.
/// </para>
/// A singleton, independent of any DbContext; thread-safe; at most about <see cref="TokenAuthenticationCacheOptions.Capacity"/> entries.
/// </summary>
public sealed class TokenAuthenticationCache
{
    // Well-formed secrets are 47 ASCII characters; anything much longer cannot be cached and is not hashed here.
    private const int MaxSecretChars = 128;

    private static readonly Authentication ExpiredResult = new(TokenCheck.Expired, null);

    private readonly ConcurrentDictionary<TokenKey, Entry> entries = new();
    private readonly TimeProvider clock;
    private readonly TimeSpan timeToLive;
    private readonly int capacity;

    // Bumped by every invalidation, so a database read that raced with one does not put its stale result back.
    private long generation;

    public TokenAuthenticationCache(TimeProvider clock, TokenAuthenticationCacheOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        options ??= TokenAuthenticationCacheOptions.Default;
        timeToLive = options.TimeToLive;
        capacity = options.Capacity;
    }

    /// <summary>The server's cache: the registered clock, options from configuration.</summary>
    public static TokenAuthenticationCache Create(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new TokenAuthenticationCache(services.GetRequiredService<TimeProvider>(),
            TokenAuthenticationCacheOptions.FromConfiguration(services.GetService<IConfiguration>()));
    }

    public int Count => entries.Count;

    /// <summary>
    /// The cached outcome for <paramref name="secret"/>: the authenticated user, or TOKEN_EXPIRED once the token's
    /// expiry has passed. False when the token is not cached (or its entry is older than the time to live): ask
    /// <see cref="TokenStore.AuthenticateAsync"/>, which also refills the cache.
    /// </summary>
    public bool TryAuthenticate(ReadOnlySpan<char> secret, [NotNullWhen(true)] out Authentication? authentication)
    {
        authentication = null;
        // (Not entries.IsEmpty: on an empty dictionary that takes every lock, on every call.)
        if (timeToLive <= TimeSpan.Zero || secret.Length > MaxSecretChars || !entries.TryGetValue(TokenKey.Of(secret), out var entry))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        // A clock set back is treated like an old entry: read again.
        if (now < entry.CachedAt || now - entry.CachedAt >= timeToLive)
        {
            return false;
        }

        authentication = now >= entry.ExpiresAt ? ExpiredResult : entry.Authentication;
        return true;
    }

    /// <summary>Drops the token with this hash (after its revocation committed).</summary>
    public void InvalidateToken(ReadOnlySpan<byte> tokenHash)
    {
        Interlocked.Increment(ref generation);
        entries.TryRemove(TokenKey.FromHash(tokenHash), out _);
    }

    /// <summary>Drops every token of this user (after a change to the user committed).</summary>
    public void InvalidateUser(long userId)
    {
        Interlocked.Increment(ref generation);
        foreach (var pair in entries)
        {
            if (pair.Value.Authentication.User!.Id == userId)
            {
                entries.TryRemove(pair);
            }
        }
    }

    /// <summary>Drops everything (after a change that may touch many users, such as an agency moving).</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    /// <summary>Read before the database lookup whose result is passed to <see cref="Add"/>.</summary>
    internal long Generation => Interlocked.Read(ref generation);

    internal void Add(ReadOnlySpan<byte> tokenHash, Authentication authentication, DateTimeOffset expiresAt, long generationBeforeRead)
    {
        if (timeToLive <= TimeSpan.Zero || !authentication.Succeeded)
        {
            return;
        }

        var key = TokenKey.FromHash(tokenHash);
        var entry = new Entry(authentication, expiresAt, clock.GetUtcNow());
        if (!entries.ContainsKey(key) && entries.Count >= capacity)
        {
            Evict(entry.CachedAt);
        }

        entries[key] = entry;
        // An invalidation that started after our read began may have run before this entry existed: undo it.
        // (Otherwise the invalidation's removal runs after this point and removes it itself.)
        if (Interlocked.Read(ref generation) != generationBeforeRead)
        {
            entries.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    /// <summary>
    /// Drops an entry the database has just contradicted (its time to live had passed, and the token is now revoked,
    /// expired or its user disabled), so it does not sit there until evicted. Not an invalidation: reads in flight stay.
    /// </summary>
    internal void Forget(ReadOnlySpan<byte> tokenHash) => entries.TryRemove(TokenKey.FromHash(tokenHash), out _);

    private void Evict(DateTimeOffset now)
    {
        foreach (var pair in entries)
        {
            if (now < pair.Value.CachedAt || now - pair.Value.CachedAt >= timeToLive)
            {
                entries.TryRemove(pair);
            }
        }

        // Still full of fresh entries (more live tokens than the capacity): drop a quarter, in no particular order.
        var excess = entries.Count - (capacity - (capacity / 4));
        foreach (var pair in entries)
        {
            if (excess-- <= 0)
            {
                break;
            }

            entries.TryRemove(pair);
        }
    }

    // A class, so TryRemove(key, entry) removes exactly the entry this call added.
    private sealed class Entry(Authentication authentication, DateTimeOffset expiresAt, DateTimeOffset cachedAt)
    {
        public Authentication Authentication { get; } = authentication;

        public DateTimeOffset ExpiresAt { get; } = expiresAt;

        public DateTimeOffset CachedAt { get; } = cachedAt;
    }

    /// <summary>The 32 bytes of a token's SHA-256, compared as four integers.</summary>
    private readonly record struct TokenKey(ulong A, ulong B, ulong C, ulong D)
    {
        /// <summary>The same hash as <see cref="ApiTokens.Hash"/> (SHA-256 of the UTF-8 secret), without allocating.</summary>
        public static TokenKey Of(ReadOnlySpan<char> secret)
        {
            Span<byte> utf8 = stackalloc byte[MaxSecretChars * 3];
            var length = Encoding.UTF8.GetBytes(secret, utf8);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(utf8[..length], hash);
            return FromHash(hash);
        }

        public static TokenKey FromHash(ReadOnlySpan<byte> hash)
        {
            if (hash.Length != SHA256.HashSizeInBytes)
            {
                throw new ArgumentException("A token hash is 32 bytes (SHA-256).", nameof(hash));
            }

            var words = MemoryMarshal.Cast<byte, ulong>(hash);
            return new TokenKey(words[0], words[1], words[2], words[3]);
        }

        // SHA-256 output is uniform, and only hashes of real tokens are ever stored: the first word is a good hash code.
        public override int GetHashCode() => (int)A;
    }
}
