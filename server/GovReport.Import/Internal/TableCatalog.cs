using GovReport.Domain.Templates;

namespace GovReport.Import.Internal;

/// <summary>Importer-side label matching for table rows and columns: codes from codes.md, tolerant keywords.</summary>
internal static class TableCatalog
{
    public static readonly string[] ApplicationColumns =
        ["natural_person", "commercial", "research", "public_interest", "legal_services", "other_org", "total"];

    public static readonly string[] ReviewGroups = ["review", "litigation_direct", "litigation_after_review"];

    public static readonly string[] ReviewColumns = ["upheld", "corrected", "other", "pending", "total"];

    private static readonly (string Code, string Label)[] ApplicationRowLabels =
    [
        ("new_received", "本年新收政府信息公开申请数量"),
        ("carried_over", "上年结转政府信息公开申请数量"),
        ("granted", "予以公开"),
        ("partially_granted", "部分公开(区分处理的,只计这一情形,不计其他情形)"),
        ("withheld_state_secret", "属于国家秘密"),
        ("withheld_law_prohibited", "其他法律行政法规禁止公开"),
        ("withheld_security_stability", "危及三安全一稳定"),
        ("withheld_third_party", "保护第三方合法权益"),
        ("withheld_internal_affairs", "属于三类内部事务信息"),
        ("withheld_process_info", "属于四类过程性信息"),
        ("withheld_enforcement_file", "属于行政执法案卷"),
        ("withheld_query_matter", "属于行政查询事项"),
        ("unavailable_not_held", "本机关不掌握相关政府信息"),
        ("unavailable_needs_creation", "没有现成信息需要另行制作"),
        ("unavailable_unclear", "补正后申请内容仍不明确"),
        ("rejected_petition", "信访举报投诉类申请"),
        ("rejected_repeat", "重复申请"),
        ("rejected_publication", "要求提供公开出版物"),
        ("rejected_excessive", "无正当理由大量反复申请"),
        ("rejected_confirmation", "要求行政机关确认或重新出具已获取信息"),
        ("other_handling", "其他处理"),
        ("other_no_correction", "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("other_fee_unpaid", "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("results_total", "总计"),
        ("carried_forward", "结转下年度继续办理"),
    ];

    /// <summary>Row-group labels of table 三 (no value cells of their own).</summary>
    public static string? ApplicationGroup(string normalized)
    {
        var s = Labels.StripNumbering(normalized);
        return s switch
        {
            "本年度办理结果" or "办理结果" => "results",
            "不予公开" => "withheld",
            "无法提供" => "unavailable",
            "不予处理" => "rejected",
            "其他处理" => "other_handling",
            _ => null,
        };
    }

    /// <summary>Matches a table 三 row label (normalised) given the row group in effect.</summary>
    public static string? ApplicationRow(string normalized, string? group, out bool isVariant)
    {
        isVariant = false;
        var s = Labels.StripNumbering(normalized);
        var code = ApplicationRowByKeyword(s, group);
        if (code is not null)
        {
            return code;
        }

        // Typos ("行政止公开"): closest template label, when clearly closest.
        var best = (Code: (string?)null, Score: 0.0);
        foreach (var (rowCode, label) in ApplicationRowLabels)
        {
            var score = Labels.Similarity(s, label);
            if (score > best.Score)
            {
                best = (rowCode, score);
            }
        }

        isVariant = best.Code is not null;
        return best.Score >= 0.7 ? best.Code : null;
    }

    private static string? ApplicationRowByKeyword(string s, string? group)
    {
        if (s.Contains("本年新收", StringComparison.Ordinal))
        {
            return "new_received";
        }

        if (s.Contains("上年结转", StringComparison.Ordinal) || s.Contains("上年转结", StringComparison.Ordinal))
        {
            return "carried_over";
        }

        if (s.Contains("下年度", StringComparison.Ordinal) && (s.Contains("结转", StringComparison.Ordinal) || s.Contains("转结", StringComparison.Ordinal) || s.Contains("继续办理", StringComparison.Ordinal)))
        {
            return "carried_forward";
        }

        if (s.Contains("予以公开", StringComparison.Ordinal) && !s.Contains("不予", StringComparison.Ordinal))
        {
            return "granted";
        }

        if (s.Contains("部分公开", StringComparison.Ordinal))
        {
            return "partially_granted";
        }

        if (s.Contains("国家秘密", StringComparison.Ordinal))
        {
            return "withheld_state_secret";
        }

        if (s.Contains("禁止公开", StringComparison.Ordinal) || s.Contains("法律行政法规", StringComparison.Ordinal) || s.Contains("其他法律行政", StringComparison.Ordinal))
        {
            return "withheld_law_prohibited";
        }

        if (s.Contains("三安全", StringComparison.Ordinal) || s.Contains("一稳定", StringComparison.Ordinal))
        {
            return "withheld_security_stability";
        }

        if (s.Contains("第三方", StringComparison.Ordinal))
        {
            return "withheld_third_party";
        }

        if (s.Contains("内部事务", StringComparison.Ordinal))
        {
            return "withheld_internal_affairs";
        }

        if (s.Contains("过程性", StringComparison.Ordinal))
        {
            return "withheld_process_info";
        }

        if (s.Contains("执法案卷", StringComparison.Ordinal))
        {
            return "withheld_enforcement_file";
        }

        if (s.Contains("行政查询", StringComparison.Ordinal) || s.Contains("查询事项", StringComparison.Ordinal))
        {
            return "withheld_query_matter";
        }

        if (s.Contains("不掌握", StringComparison.Ordinal))
        {
            return "unavailable_not_held";
        }

        if (s.Contains("另行制作", StringComparison.Ordinal) || s.Contains("没有现成信息", StringComparison.Ordinal))
        {
            return "unavailable_needs_creation";
        }

        if (s.Contains("不明确", StringComparison.Ordinal))
        {
            return "unavailable_unclear";
        }

        if (s.Contains("信访", StringComparison.Ordinal) || s.Contains("举报投诉", StringComparison.Ordinal))
        {
            return "rejected_petition";
        }

        if (s.Contains("重复申请", StringComparison.Ordinal))
        {
            return "rejected_repeat";
        }

        if (s.Contains("出版物", StringComparison.Ordinal))
        {
            return "rejected_publication";
        }

        if (s.Contains("大量反复", StringComparison.Ordinal))
        {
            return "rejected_excessive";
        }

        if (s.Contains("重新出具", StringComparison.Ordinal) || s.Contains("确认或", StringComparison.Ordinal))
        {
            return "rejected_confirmation";
        }

        if (s.Contains("不补正", StringComparison.Ordinal))
        {
            return "other_no_correction";
        }

        if (s.Contains("缴纳费用", StringComparison.Ordinal) || s.Contains("缴费", StringComparison.Ordinal) || s.Contains("收费通知", StringComparison.Ordinal))
        {
            return "other_fee_unpaid";
        }

        if (s == "其他处理")
        {
            return "other_handling";
        }

        if (s == "其他" && group == "other_handling")
        {
            return "other_misc";
        }

        if (s == "总计" || s == "合计")
        {
            return "results_total";
        }

        return null;
    }

    /// <summary>Table 三 column header label → code; "group" for 法人或其他组织; null when unknown.</summary>
    public static string? ApplicationColumn(string normalized)
    {
        return normalized switch
        {
            "自然人" => "natural_person",
            "商业企业" => "commercial",
            "科研机构" => "research",
            "社会公益组织" => "public_interest",
            "法律服务机构" => "legal_services",
            "其他" or "其他组织" => "other_org",
            "总计" or "合计" => "total",
            "法人或其他组织" or "法人或者其他组织" => "group",
            _ => null,
        };
    }

    /// <summary>Table 四 header label → ("group", code) or ("leaf", code).</summary>
    public static (bool IsGroup, string Code)? ReviewHeader(string normalized)
    {
        var s = normalized;
        if (s.Contains("未经复议", StringComparison.Ordinal) || s.Contains("直接起诉", StringComparison.Ordinal))
        {
            return (true, "litigation_direct");
        }

        if (s.Contains("复议后起诉", StringComparison.Ordinal))
        {
            return (true, "litigation_after_review");
        }

        if (s.StartsWith("行政复议", StringComparison.Ordinal))
        {
            return (true, "review");
        }

        if (s.StartsWith("行政诉讼", StringComparison.Ordinal))
        {
            return (true, "litigation");
        }

        if (s.Contains("维持", StringComparison.Ordinal))
        {
            return (false, "upheld");
        }

        if (s.Contains("纠正", StringComparison.Ordinal))
        {
            return (false, "corrected");
        }

        if (s.Contains("其他", StringComparison.Ordinal))
        {
            return (false, "other");
        }

        if (s.Contains("未审结", StringComparison.Ordinal) || s.Contains("审结", StringComparison.Ordinal))
        {
            return (false, "pending");
        }

        if (s is "总计" or "合计" or "小计")
        {
            return (false, "total");
        }

        return null;
    }

    /// <summary>Table 二 block from its caption (第二十条第（九）项 → art20_9).</summary>
    public static string? ActiveBlock(string normalized)
    {
        var index = normalized.IndexOf("第二十条", StringComparison.Ordinal);
        if (index < 0)
        {
            return null;
        }

        var open = normalized.IndexOf('(', index);
        var close = open < 0 ? -1 : normalized.IndexOf(')', open);
        if (open < 0 || close < 0 || close - open > 4)
        {
            return null;
        }

        var number = Labels.ParseSmallNumber(normalized[(open + 1)..close]);
        return number is 1 or 5 or 6 or 8 or 9 ? "art20_" + number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Table 二 column → (code, template the label belongs to or null when both).</summary>
    public static (string Code, TemplateId? Layout)? ActiveColumn(string normalized, string block)
    {
        var s = normalized;
        if (s.Contains("新制作", StringComparison.Ordinal))
        {
            return ("newly_made", TemplateId.Template2019);
        }

        if (s.Contains("新公开", StringComparison.Ordinal))
        {
            return ("newly_published", TemplateId.Template2019);
        }

        if (s.Contains("对外公开总", StringComparison.Ordinal) || s.Contains("公开总数", StringComparison.Ordinal))
        {
            return ("total_published", TemplateId.Template2019);
        }

        if (s.Contains("制发", StringComparison.Ordinal))
        {
            return ("issued", TemplateId.Template2021);
        }

        if (s.Contains("废止", StringComparison.Ordinal))
        {
            return ("repealed", TemplateId.Template2021);
        }

        if (s.Contains("现行有效", StringComparison.Ordinal))
        {
            return ("in_force", TemplateId.Template2021);
        }

        if (s.Contains("上一年", StringComparison.Ordinal) || s.Contains("上年项目", StringComparison.Ordinal))
        {
            return ("previous_items", TemplateId.Template2019);
        }

        if (s.Contains("增/减", StringComparison.Ordinal) || s.Contains("增减", StringComparison.Ordinal))
        {
            return ("change", TemplateId.Template2019);
        }

        if (s.Contains("处理决定", StringComparison.Ordinal))
        {
            return ("decisions", s.StartsWith("本年", StringComparison.Ordinal) ? TemplateId.Template2021 : TemplateId.Template2019);
        }

        if (s.Contains("采购项目", StringComparison.Ordinal))
        {
            return ("projects", TemplateId.Template2019);
        }

        if (s.Contains("采购总金额", StringComparison.Ordinal) || (block == "art20_9" && s.Contains("金额", StringComparison.Ordinal)))
        {
            return ("amount", TemplateId.Template2019);
        }

        if (s.Contains("收费金额", StringComparison.Ordinal))
        {
            return ("amount_10k_yuan", TemplateId.Template2021);
        }

        return null;
    }

    /// <summary>Table 二 row label → row code.</summary>
    public static string? ActiveRow(string normalized)
    {
        var s = Labels.StripNumbering(normalized);
        return s switch
        {
            "规章" => "rules",
            _ when s.EndsWith("规范性文件", StringComparison.Ordinal) => "normative_documents",
            _ when s.Contains("行政许可", StringComparison.Ordinal) => "licensing",
            _ when s.Contains("对外管理服务", StringComparison.Ordinal) => "other_services",
            _ when s.Contains("行政处罚", StringComparison.Ordinal) => "penalty",
            _ when s.Contains("行政强制", StringComparison.Ordinal) => "coercion",
            _ when s.Contains("事业性收费", StringComparison.Ordinal) => "fees",
            _ when s.Contains("集中采购", StringComparison.Ordinal) => "procurement",
            _ => null,
        };
    }

    /// <summary>The template's default columns of a table 二 block, for a block printed without its header row.</summary>
    public static string[] DefaultActiveColumns(string block, TemplateId template) => (block, template) switch
    {
        ("art20_1", TemplateId.Template2019) => ["newly_made", "newly_published", "total_published"],
        ("art20_1", _) => ["issued", "repealed", "in_force"],
        ("art20_5" or "art20_6", TemplateId.Template2019) => ["previous_items", "change", "decisions"],
        ("art20_5" or "art20_6", _) => ["decisions"],
        ("art20_8", TemplateId.Template2019) => ["previous_items", "change"],
        ("art20_8", _) => ["amount_10k_yuan"],
        ("art20_9", _) => ["projects", "amount"],
        _ => [],
    };
}
