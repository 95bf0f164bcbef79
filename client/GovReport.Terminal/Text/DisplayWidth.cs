using System.Text;
using GovReport.Terminal.Internal;

namespace GovReport.Terminal;

/// <summary>
/// Terminal display width (in cells) of code points and strings, from Unicode East Asian Width
/// (see tools/gen_eaw.py). Zero-width: combining marks, format characters, ZWJ, variation selectors.
/// Control characters also measure 0 because they are never drawn.
/// </summary>
public static class DisplayWidth
{
    /// <summary>The Unicode version the width table was generated from.</summary>
    public const string UnicodeVersion = WidthTable.UnicodeVersion;

    /// <summary>Width of one code point: 0, 1 or 2. Ambiguous ("A") characters are 1 unless <paramref name="ambiguousWide"/>.</summary>
    public static int Of(int codePoint, bool ambiguousWide = false)
    {
        if (codePoint is >= 0x20 and < 0x7F)
        {
            return 1;
        }

        if (codePoint < 0x20 || codePoint is >= 0x7F and < 0xA0 || (uint)codePoint > 0x10FFFF)
        {
            return 0;
        }

        var starts = WidthTable.Starts;
        var lo = 0;
        var hi = starts.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            if (starts[mid] > codePoint)
            {
                hi = mid - 1;
            }
            else if (WidthTable.Ends[mid] < codePoint)
            {
                lo = mid + 1;
            }
            else
            {
                return WidthTable.Kinds[mid] switch
                {
                    0 => 0,
                    2 => 2,
                    _ => ambiguousWide ? 2 : 1,
                };
            }
        }

        return 1;
    }

    /// <summary>Width of one rune.</summary>
    public static int Of(Rune rune, bool ambiguousWide = false) => Of(rune.Value, ambiguousWide);

    /// <summary>Width of a string: the sum of its runes' widths (lone surrogates count as U+FFFD, width 1).</summary>
    public static int Of(string text, bool ambiguousWide = false) => Of(text.AsSpan(), ambiguousWide);

    /// <summary>Width of a span of UTF-16 text.</summary>
    public static int Of(ReadOnlySpan<char> text, bool ambiguousWide = false)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += Of(rune.Value, ambiguousWide);
        }

        return width;
    }

    /// <summary>
    /// The longest prefix of <paramref name="text"/> that fits in <paramref name="maxWidth"/> cells,
    /// keeping trailing zero-width characters with their base. Returns the prefix length in UTF-16 units.
    /// </summary>
    public static int FitPrefix(ReadOnlySpan<char> text, int maxWidth, out int width, bool ambiguousWide = false)
    {
        width = 0;
        var index = 0;
        while (index < text.Length)
        {
            Rune.DecodeFromUtf16(text[index..], out var rune, out var consumed);
            var w = Of(rune.Value, ambiguousWide);
            if (width + w > maxWidth)
            {
                break;
            }

            width += w;
            index += consumed;
        }

        return index;
    }

    /// <summary>
    /// Truncates text to <paramref name="maxWidth"/> cells; when it does not fit, the end is replaced by "…".
    /// Never splits a wide character.
    /// </summary>
    public static string Truncate(string text, int maxWidth, bool ambiguousWide = false)
    {
        if (maxWidth <= 0)
        {
            return string.Empty;
        }

        if (Of(text, ambiguousWide) <= maxWidth)
        {
            return text;
        }

        var ellipsisWidth = Of('…', ambiguousWide);
        if (maxWidth < ellipsisWidth)
        {
            return new string('.', maxWidth);
        }

        var length = FitPrefix(text, maxWidth - ellipsisWidth, out _, ambiguousWide);
        return string.Concat(text.AsSpan(0, length), "…");
    }
}
