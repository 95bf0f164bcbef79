using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Data;
using GovReport.Grpc;
using GovReport.Services.Identity;
using GovReport.Services.Storage.Internal;
using AuditEntry = GovReport.Api.V1.AuditEntry;

namespace GovReport.Services.Audit;

/// <summary>govreport.v1.AuditService: verify the whole hash chain and read entries (reviewers and admins).</summary>
[GrpcService("govreport.v1.AuditService")]
public sealed class AuditServiceHandler(AuditLog audit)
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public async Task<VerifyAuditLogResponse> VerifyAuditLog(VerifyAuditLogRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var result = await audit.VerifyAsync(caller, context.CancellationToken);
        return new VerifyAuditLogResponse
        {
            Ok = result.Intact,
            EntryCount = result.EntriesChecked,
            FirstBadSequence = result.FirstBadSequence ?? 0,
            Message = result.Message,
            HeadHash = result.HeadHash ?? string.Empty,
        };
    }

    public async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var caller = CallerContext.Require(context);
        var pageSize = OffsetPageTokens.PageSize(request.PageSize, DefaultPageSize, MaxPageSize);
        var after = OffsetPageTokens.Decode(request.PageToken, "audit", request.FilterTarget);
        var response = new ListAuditEntriesResponse();
        // Keyset over the sequence; a target filter reads batches until the page is full or the log ends.
        var more = true;
        while (response.Entries.Count < pageSize && more)
        {
            var batch = await audit.ListAsync(caller, after, MaxPageSize, context.CancellationToken);
            more = batch.Count == MaxPageSize;
            foreach (var entry in batch)
            {
                after = entry.Sequence;
                if (request.FilterTarget.Length == 0 || entry.Target == request.FilterTarget)
                {
                    response.Entries.Add(ToApi(entry));
                    if (response.Entries.Count == pageSize)
                    {
                        more = more || entry != batch[^1];
                        break;
                    }
                }
            }
        }

        response.NextPageToken = more ? OffsetPageTokens.Encode(after, "audit", request.FilterTarget) : string.Empty;
        return response;
    }

    private static AuditEntry ToApi(Domain.Audit.AuditEntry entry) => new()
    {
        Sequence = entry.Sequence,
        Time = Timestamp.FromDateTimeOffset(entry.Time),
        Actor = entry.Actor,
        Action = entry.Action,
        Target = entry.Target,
        DetailsJson = entry.DetailsJson,
        ClientAddress = entry.ClientAddress,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };
}
