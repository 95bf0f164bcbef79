using Google.Protobuf.WellKnownTypes;
using GovReport.Grpc;

namespace GovReport.Services.Reports.Internal;

/// <summary>
/// UpdateReport's field mask: whole writable fields, and single cells as "cells.`ADDRESS`" (AIP-161's map-key syntax:
/// a report's cells are keyed by address; the back-ticks may be left out). An empty mask means every writable field.
/// </summary>
internal sealed class ReportUpdateMask
{
    private const string CellsPrefix = "cells.";

    // The agency's name and kind come from the agency resource; the rest is the report's content.
    private static readonly string[] WritableFields =
        ["agency_display_name", "agency_kind", "template", "publication_date", "parts", "extra_parts", "cells", "extra_tables"];

    private readonly HashSet<string> _fields;

    private ReportUpdateMask(HashSet<string> fields, IReadOnlyList<string> cellAddresses)
    {
        _fields = fields;
        CellAddresses = cellAddresses;
    }

    /// <summary>Addresses of the single cells in the mask, each once, in mask order.</summary>
    public IReadOnlyList<string> CellAddresses { get; }

    /// <summary>
    /// True when only cells (the whole list or single ones) and the publication date change: the new content is the
    /// stored report with those replaced, so nothing else needs converting.
    /// </summary>
    public bool ChangesOnlyCellsAndDate => _fields.All(f => f is "cells" or "publication_date");

    public bool Contains(string field) => _fields.Contains(field);

    /// <summary>The mask of a request; INVALID_ARGUMENT naming each path that is not writable or not well-formed.</summary>
    public static ReportUpdateMask Parse(FieldMask? mask)
    {
        if (mask is not { Paths.Count: > 0 })
        {
            return new ReportUpdateMask([.. WritableFields], []);
        }

        var fields = new HashSet<string>(StringComparer.Ordinal);
        var addresses = new List<string>();
        var seenAddresses = new HashSet<string>(StringComparer.Ordinal);
        var violations = new List<FieldViolation>();
        foreach (var path in mask.Paths)
        {
            if (path.StartsWith(CellsPrefix, StringComparison.Ordinal))
            {
                if (CellAddress(path) is { } address)
                {
                    if (seenAddresses.Add(address))
                    {
                        addresses.Add(address);
                    }
                }
                else
                {
                    violations.Add(new FieldViolation("update_mask.paths", $"“{Shorten(path)}”不是单元格路径，应为 cells.`单元格地址`"));
                }
            }
            else if (Array.IndexOf(WritableFields, path) >= 0)
            {
                fields.Add(path);
            }
            else
            {
                violations.Add(new FieldViolation("update_mask.paths", $"“{Shorten(path)}”不可修改或不存在"));
            }
        }

        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument("INVALID_UPDATE_MASK",
                $"update_mask 有{violations.Count}个路径无效：{string.Join("；", violations.Select(v => v.Description))}。可修改的字段：{string.Join("、", WritableFields)}，或单个单元格 cells.`单元格地址`。",
                [.. violations]);
        }

        if (addresses.Count > 0 && (fields.Contains("cells") || fields.Contains("template")))
        {
            var whole = fields.Contains("cells") ? "cells" : "template";
            throw RpcErrors.InvalidArgument("INVALID_UPDATE_MASK",
                $"update_mask 不能同时包含“{whole}”和单个单元格（cells.`…`）：{(whole == "cells" ? "整个单元格列表已包含这些单元格" : "更换模板会清空全部单元格")}。",
                new FieldViolation("update_mask.paths", $"“{whole}”与 cells.`…` 不能同时出现"));
        }

        return new ReportUpdateMask(fields, addresses);
    }

    // "cells.`a.b.c`" or "cells.a.b.c" → "a.b.c"; null when empty or the back-ticks are unbalanced.
    private static string? CellAddress(string path)
    {
        var key = path[CellsPrefix.Length..];
        if (key.Length >= 2 && key[0] == '`' && key[^1] == '`')
        {
            key = key[1..^1];
        }

        return key.Length == 0 || key.Contains('`', StringComparison.Ordinal) ? null : key;
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";
}
