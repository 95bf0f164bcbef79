using System.Globalization;
using System.Text;

namespace GovReport.Import.Internal;

/// <summary>Label normalisation for tolerant matching: NFKC, no whitespace, no quotes, numbering stripped on demand.</summary>
internal static class Labels
{
    private const string ChineseDigits = "〇零○Ｏ一二三四五六七八九十百";

    /// <summary>NFKC (full width → half width), whitespace and quotes removed.</summary>
    /// <remarks>
    /// Report text is ASCII, CJK ideographs, CJK and general punctuation and full-width forms: those are mapped
    /// here directly; only other characters (①, ㈠, compatibility ideographs…) go through the full (ICU) NFKC.
    /// </remarks>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        // Most value cells are short ASCII ("0", "15"): nothing to normalise, no allocation.
        var plain = true;
        foreach (var ch in text)
        {
            if (ch > '~' || ch <= ' ' || ch is '"' or '\'')
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is >= '\uFF01' and <= '\uFF5E')
            {
                AppendKept(builder, (char)(ch - 0xFEE0));
            }
            else if (ch < '\u00A0' || ch is >= '\u4E00' and <= '\u9FFF' || ch is >= '\u3000' and <= '\u3030'
                || ch is '\u2010' or (>= '\u2013' and <= '\u2015') or (>= '\u2018' and <= '\u2023'))
            {
                AppendKept(builder, ch);
            }
            else
            {
                return NormalizeSlow(text);
            }
        }

        return builder.ToString();
    }

    private static void AppendKept(StringBuilder builder, char ch)
    {
        if (!IsDropped(ch))
        {
            builder.Append(ch);
        }
    }

    private static bool IsDropped(char ch) =>
        char.IsWhiteSpace(ch) || ch is '\u200B' or '\uFEFF' or '"' or '\'' or '“' or '”' or '‘' or '’' or '「' or '」' or '『' or '』';

    private static string NormalizeSlow(string text)
    {
        var normalized = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(normalized.Length);
        foreach (var ch in normalized)
        {
            AppendKept(builder, ch);
        }

        return builder.ToString();
    }

    /// <summary>Removes leading numbering such as "一、", "（三）", "(3)", "3.", "3、", "第一部分" (repeatedly).</summary>
    public static string StripNumbering(string normalized)
    {
        var s = normalized;
        while (true)
        {
            var next = StripOnce(s);
            if (next.Length == s.Length)
            {
                return s;
            }

            s = next;
        }
    }

    /// <summary>Length of a leading "一、"/"十二、" top-level Chinese numbering in a normalised string, or 0.</summary>
    public static int TopLevelNumberingLength(string normalized)
    {
        var i = 0;
        while (i < normalized.Length && "一二三四五六七八九十".Contains(normalized[i], StringComparison.Ordinal))
        {
            i++;
        }

        if (i == 0 || i > 3 || i >= normalized.Length)
        {
            return 0;
        }

        return normalized[i] is '、' or '.' or ',' ? i + 1 : 0;
    }

    /// <summary>Parses 1–99 written in Chinese numerals (一, 十, 十八, 二十五) or digits.</summary>
    public static int? ParseSmallNumber(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var plain))
        {
            return plain;
        }

        if (text.Length == 0 || text.Length > 3)
        {
            return null;
        }

        var tenIndex = text.IndexOf('十', StringComparison.Ordinal);
        if (tenIndex < 0)
        {
            return text.Length == 1 ? Digit(text[0]) : null;
        }

        var tens = tenIndex == 0 ? 1 : Digit(text[0]);
        var units = tenIndex == text.Length - 1 ? 0 : Digit(text[^1]);
        return tens is null || units is null ? null : (tens * 10) + units;
    }

    /// <summary>Parses a four-digit year written with digits or Chinese digits (二〇二〇).</summary>
    public static int? ParseYear(string text)
    {
        if (text.Length != 4)
        {
            return null;
        }

        var value = 0;
        foreach (var ch in text)
        {
            var d = ch is >= '0' and <= '9' ? ch - '0' : Digit(ch);
            if (d is null)
            {
                return null;
            }

            value = (value * 10) + d.Value;
        }

        return value;
    }

    public static bool IsChineseDigit(char ch) => ChineseDigits.Contains(ch, StringComparison.Ordinal);

    /// <summary>Similarity 0–1 from the edit distance, for typo-tolerant matching of labels.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return 0;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return 1.0 - ((double)previous[b.Length] / Math.Max(a.Length, b.Length));
    }

    private static int? Digit(char ch) => ch switch
    {
        '〇' or '零' or '○' or 'Ｏ' or 'O' or 'o' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => null,
    };

    private static string StripOnce(string s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        // "第一部分" / "第一章"
        if (s[0] == '第')
        {
            var end = 1;
            while (end < s.Length && "一二三四五六七八九十".Contains(s[end], StringComparison.Ordinal))
            {
                end++;
            }

            if (end > 1 && end < s.Length && (s.AsSpan(end).StartsWith("部分") || s[end] == '章'))
            {
                var skip = s[end] == '章' ? end + 1 : end + 2;
                return s[skip..].TrimStart('、', '.', ':');
            }
        }

        // "（三）", "(3)", "【三】"
        if (s[0] is '(' or '[' or '【' or '〔')
        {
            var close = s.IndexOfAny([')', ']', '】', '〕']);
            if (close > 1 && close <= 4 && IsNumber(s.AsSpan(1, close - 1)))
            {
                return s[(close + 1)..].TrimStart('、', '.', ':');
            }

            return s;
        }

        // "一、", "3.", "3、", "12."
        var i = 0;
        while (i < s.Length && (char.IsAsciiDigit(s[i]) || "一二三四五六七八九十".Contains(s[i], StringComparison.Ordinal)))
        {
            i++;
        }

        if (i > 0 && i <= 3 && i < s.Length && s[i] is '、' or '.' or ',' or ':' or '．')
        {
            return s[(i + 1)..];
        }

        return s;
    }

    private static bool IsNumber(ReadOnlySpan<char> span)
    {
        foreach (var ch in span)
        {
            if (!char.IsAsciiDigit(ch) && !"一二三四五六七八九十".Contains(ch, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
