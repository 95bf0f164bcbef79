namespace GovReport.Terminal.Tests;

public class DisplayWidthTests
{
    [Theory]
    [InlineData('A', 1)]
    [InlineData(' ', 1)]
    [InlineData('~', 1)]
    [InlineData(0x4E2D, 2)] // 中
    [InlineData(0x3002, 2)] // 。
    [InlineData(0xFF01, 2)] // ！ fullwidth
    [InlineData(0xFF0C, 2)] // ， fullwidth comma
    [InlineData(0x0301, 0)] // combining acute accent
    [InlineData(0x200D, 0)] // ZWJ
    [InlineData(0xFE0F, 0)] // variation selector 16
    [InlineData(0xE0100, 0)] // variation selector 17
    [InlineData(0x1F600, 2)] // 😀
    [InlineData(0x20000, 2)] // CJK Ext. B 𠀀
    [InlineData(0x3400, 2)] // CJK Ext. A
    [InlineData(0xAC00, 2)] // Hangul syllable
    [InlineData(0xFF61, 1)] // halfwidth ideographic full stop
    [InlineData(0x00E9, 1)] // é precomposed
    [InlineData(0x0000, 0)]
    [InlineData(0x001B, 0)]
    [InlineData(0x0085, 0)]
    [InlineData(0x00AD, 1)] // soft hyphen is drawn by terminals
    public void Of_CodePoint_HasExpectedWidth(int codePoint, int expected)
    {
        Assert.Equal(expected, DisplayWidth.Of(codePoint));
    }

    [Theory]
    [InlineData(0x00B7)] // ·
    [InlineData(0x2026)] // …
    [InlineData(0x2500)] // ─
    [InlineData(0x201C)] // “
    public void Of_Ambiguous_IsOneByDefaultTwoWhenAsked(int codePoint)
    {
        Assert.Equal(1, DisplayWidth.Of(codePoint));
        Assert.Equal(2, DisplayWidth.Of(codePoint, ambiguousWide: true));
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("abc", 3)]
    [InlineData("中文", 4)]
    [InlineData("e\u0301", 1)]
    [InlineData("😀", 2)]
    [InlineData("👨\u200D👩", 4)]
    [InlineData("合计：12。", 10)]
    public void Of_String_SumsRuneWidths(string text, int expected)
    {
        Assert.Equal(expected, DisplayWidth.Of(text));
        Assert.Equal(expected, DisplayWidth.Of(text.AsSpan()));
    }

    [Fact]
    public void Of_LoneSurrogate_CountsAsReplacementCharacter()
    {
        Assert.Equal(2, DisplayWidth.Of(new string(['\uD800', 'x'])));
    }

    [Fact]
    public void UnicodeVersion_IsFromGeneratedTable_NotEmpty()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+$", DisplayWidth.UnicodeVersion);
    }

    [Theory]
    [InlineData("政府信息公开", 7, "政府信…")]
    [InlineData("政府信息公开", 12, "政府信息公开")]
    [InlineData("政府信息公开", 6, "政府…")]
    [InlineData("abc", 2, "a…")]
    [InlineData("abc", 0, "")]
    public void Truncate_TooWide_EndsWithEllipsisAndFits(string text, int width, string expected)
    {
        var result = DisplayWidth.Truncate(text, width);
        Assert.Equal(expected, result);
        Assert.True(DisplayWidth.Of(result) <= width);
    }
}
