using GovReport.Data;
using GovReport.Grpc;

namespace GovReport.Services.Reports.Internal;

/// <summary>
/// ListReportsRequest.order_by in AIP-132 syntax: comma-separated fields, each with an optional " desc" (" asc" is
/// accepted too). Each order the store can serve from an index has a full field sequence, its tie-breaks included; a
/// request names that sequence or any leading part of it ("agency" = "agency, report_year desc").
/// </summary>
internal static class ReportListOrder
{
    private static readonly (ReportOrder Order, string[] Terms)[] Orders =
    [
        (ReportOrder.UpdatedDescending, ["update_time desc"]),
        (ReportOrder.Created, ["create_time"]),
        (ReportOrder.Agency, ["agency", "report_year desc"]),
        (ReportOrder.Year, ["report_year"]),
        (ReportOrder.YearDescending, ["report_year desc"]),
        (ReportOrder.State, ["state", "update_time desc"]),
        (ReportOrder.ErrorsDescending, ["error_count desc", "warning_count desc"]),
    ];

    private const string Accepted = "update_time desc（默认）、create_time、agency、report_year、report_year desc、state 或 error_count desc";

    public static ReportOrder Parse(string orderBy)
    {
        ArgumentNullException.ThrowIfNull(orderBy);
        if (string.IsNullOrWhiteSpace(orderBy))
        {
            return ReportOrder.UpdatedDescending;
        }

        var terms = orderBy.Split(',').Select(Normalize).ToArray();
        if (terms.All(t => t is not null))
        {
            foreach (var (order, sequence) in Orders)
            {
                if (terms.Length <= sequence.Length && terms.SequenceEqual(sequence.Take(terms.Length)))
                {
                    return order;
                }
            }
        }

        throw RpcErrors.InvalidArgument("INVALID_ORDER_BY", $"不支持的排序方式“{orderBy}”，应为 {Accepted}。",
            new FieldViolation("order_by", "应为 " + Accepted));
    }

    // "report_year  DESC" → "report_year desc", "agency asc" → "agency"; null for anything else than "field [asc|desc]".
    private static string? Normalize(string term)
    {
        var words = term.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words switch
        {
            [var field] => field,
            [var field, "asc"] => field,
            [var field, "desc"] => field + " desc",
            _ => null,
        };
    }
}
