using System.Globalization;
using GovReport.Data.Entities;
using GovReport.Data.Internal;
using GovReport.Domain.Identity;
using Microsoft.EntityFrameworkCore;

namespace GovReport.Data;

/// <summary>The outcome of presenting a bearer token: the check result and, when valid, the user.</summary>
public sealed record Authentication(TokenCheck Check, User? User)
{
    public bool Succeeded => Check == TokenCheck.Valid && User is not null;

    /// <summary>The user as an actor, made once (a cached authentication is shared by every call of its token).</summary>
    public Actor? Actor { get; } = User?.ToActor();
}

/// <summary>
/// API tokens: issue, revoke, list, authenticate. With a <see cref="TokenAuthenticationCache"/> (the server's
/// singleton) a known token is answered from memory; revocations drop the token from it after their commit.
/// </summary>
public sealed class TokenStore(GovReportDbContext db, AuditLog audit, TimeProvider clock, TokenAuthenticationCache? cache = null)
{
    private static readonly Authentication MalformedResult = new(TokenCheck.Malformed, null);
    /// <summary>Issues a token for <paramref name="userId"/>. Users may issue their own; others' need ManageTokens.</summary>
    public async Task<IssuedToken> IssueAsync(Caller caller, long userId, string name, TimeSpan lifetime,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Actor.UserId != userId)
        {
            AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageTokens, null);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken))
        {
            throw new ResourceNotFoundException("user", $"用户 {userId} 不存在");
        }

        var issued = ApiTokens.Issue(userId, string.IsNullOrWhiteSpace(name) ? "token" : name.Trim(), clock.GetUtcNow(), lifetime);
        var row = new ApiTokenRow
        {
            UserId = userId,
            Name = issued.Token.Name,
            Hash = issued.Token.Hash,
            DisplayPrefix = issued.Token.DisplayPrefix,
            CreatedAt = issued.Token.CreatedAt,
            ExpiresAt = issued.Token.ExpiresAt,
        };
        db.ApiTokens.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await audit.AppendAsync(AuditLog.Record(caller, "token.create", "tokens/" + row.Id.ToString(CultureInfo.InvariantCulture),
            Json.Serialize(new { userId, name = row.Name, prefix = row.DisplayPrefix, expiresAt = row.ExpiresAt })), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return issued with { Token = issued.Token with { Id = row.Id } };
    }

    public async Task RevokeAsync(Caller caller, long tokenId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == tokenId, cancellationToken)
            ?? throw new ResourceNotFoundException("token", $"令牌 {tokenId} 不存在");
        if (row.UserId != caller.Actor.UserId)
        {
            AccessDeniedException.ThrowIfDenied(caller.Actor, AccessAction.ManageTokens, null);
        }

        if (row.RevokedAt is null)
        {
            row.RevokedAt = clock.GetUtcNow();
            await audit.AppendAsync(AuditLog.Record(caller, "token.revoke", "tokens/" + tokenId.ToString(CultureInfo.InvariantCulture),
                Json.Serialize(new { row.UserId, prefix = row.DisplayPrefix })), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        // Also when it was already revoked: another process may have revoked it while this one still had it cached.
        cache?.InvalidateToken(row.Hash);
    }

    public async Task<IReadOnlyList<ApiToken>> ListAsync(long userId, CancellationToken cancellationToken = default)
    {
        var rows = await db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderBy(t => t.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(ToToken)];
    }

    /// <summary>
    /// Resolves a bearer secret: from the cache when it holds the token, else from the database (by the token's hash,
    /// so the secret is never compared in SQL), caching a valid result.
    /// </summary>
    public async Task<Authentication> AuthenticateAsync(string? secret, CancellationToken cancellationToken = default)
    {
        if (!ApiTokens.IsWellFormed(secret))
        {
            return MalformedResult;
        }

        if (cache is not null && cache.TryAuthenticate(secret, out var cached))
        {
            return cached;
        }

        var generation = cache?.Generation ?? 0;
        var hash = ApiTokens.Hash(secret!);
        var row = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        var check = ApiTokens.Check(secret, row is null ? null : ToToken(row), clock.GetUtcNow());
        if (check != TokenCheck.Valid)
        {
            cache?.Forget(hash);
            return new Authentication(check, null);
        }

        var found = await (from u in db.Users.AsNoTracking()
                           join a in db.Agencies.AsNoTracking() on u.AgencyId equals a.Id
                           where u.Id == row!.UserId
                           select new { u, a.Path }).SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.u.Disabled)
        {
            cache?.Forget(hash);
            return new Authentication(TokenCheck.Revoked, null);
        }

        var authentication = new Authentication(TokenCheck.Valid, UserStore.ToUser(found.u, found.Path));
        cache?.Add(hash, authentication, row!.ExpiresAt, generation);
        return authentication;
    }

    private static ApiToken ToToken(ApiTokenRow row) =>
        new(row.Id, row.UserId, row.Name, row.Hash, row.DisplayPrefix, row.CreatedAt, row.ExpiresAt, row.RevokedAt);
}
