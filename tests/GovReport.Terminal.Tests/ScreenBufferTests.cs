namespace GovReport.Terminal.Tests;

public class ScreenBufferTests
{
    private const string MixedLine = "2024年度政府信息公开工作年度报告 annual report：收到申请123件，😀办结e\u0301率100％。数据截至12月31日ABC中文混排";

    [Fact]
    public void SetString_EveryWidth20To200_NeverSplitsWideCharacter()
    {
        for (var width = 20; width <= 200; width++)
        {
            var buffer = new ScreenBuffer(width, 3);
            for (var start = 0; start < 3; start++)
            {
                buffer.SetString(start, start, MixedLine + MixedLine + MixedLine, Style.Default);
            }

            AssertNoSplitWideCharacters(buffer);
            for (var y = 0; y < 3; y++)
            {
                Assert.Equal(width, DisplayWidth.Of(buffer.LineText(y)));
            }
        }
    }

    [Fact]
    public void SetString_MaxWidthEndsMidWideChar_WritesSpaceInstead()
    {
        var buffer = new ScreenBuffer(10, 1);
        buffer.Fill(buffer.Area, '.', Style.Default);

        var written = buffer.SetString(0, 0, "ab中文", Style.Default, maxWidth: 5);

        Assert.Equal(5, written);
        Assert.Equal("ab中 .....", buffer.LineText(0));
        AssertNoSplitWideCharacters(buffer);
    }

    [Fact]
    public void SetString_ClipEdgeCutsWideChar_WritesSpaceAndStaysInsideClip()
    {
        var buffer = new ScreenBuffer(10, 1);
        buffer.Fill(buffer.Area, '.', Style.Default);
        using (buffer.PushClip(new Rect(2, 0, 4, 1)))
        {
            buffer.SetString(1, 0, "中文字", Style.Default);
        }

        // 中 at 1–2 is cut by the left edge (its right half shows as a space), 文 at 3–4,
        // 字 at 5–6 is cut by the right edge at 6.
        Assert.Equal(".. 文 ....", buffer.LineText(0));
        Assert.Equal(new Rect(0, 0, 10, 1), buffer.Clip);
        AssertNoSplitWideCharacters(buffer);
    }

    [Fact]
    public void SetRune_OverSecondHalfOfWideChar_BlanksFirstHalf()
    {
        var buffer = new ScreenBuffer(6, 1);
        buffer.SetString(0, 0, "中文", Style.Default);

        buffer.SetString(1, 0, "x", Style.Default);

        Assert.Equal(" x文  ", buffer.LineText(0));
        AssertNoSplitWideCharacters(buffer);
    }

    [Fact]
    public void SetRune_OverFirstHalfOfWideChar_BlanksSecondHalf()
    {
        var buffer = new ScreenBuffer(6, 1);
        buffer.SetString(0, 0, "中文", Style.Default);

        buffer.SetString(2, 0, "y", Style.Default);

        Assert.Equal("中y   ", buffer.LineText(0));
        AssertNoSplitWideCharacters(buffer);
    }

    [Fact]
    public void SetString_WideOverlappingTwoWide_BlanksBothNeighbours()
    {
        var buffer = new ScreenBuffer(6, 1);
        buffer.SetString(0, 0, "中文字", Style.Default);

        buffer.SetString(1, 0, "国", Style.Default);

        Assert.Equal(" 国 字", buffer.LineText(0));
        AssertNoSplitWideCharacters(buffer);
    }

    [Fact]
    public void SetString_CombiningMark_JoinsPreviousCell()
    {
        var buffer = new ScreenBuffer(4, 1);

        var written = buffer.SetString(0, 0, "e\u0301x", Style.Default);

        Assert.Equal(2, written);
        Assert.Equal("e\u0301", buffer[0, 0].Text);
        Assert.Equal("e\u0301x", buffer.LineText(0, trimEnd: true));
    }

    [Fact]
    public void SetString_ControlCharacters_AreSkipped()
    {
        var buffer = new ScreenBuffer(6, 1);

        buffer.SetString(0, 0, "a\e[31mb\tc", Style.Default);

        Assert.Equal("a[31mb", buffer.LineText(0));
    }

    [Fact]
    public void SetString_AstralRune_OccupiesTwoCells()
    {
        var buffer = new ScreenBuffer(4, 1);

        buffer.SetString(0, 0, "😀a", Style.Default);

        Assert.Equal(2, buffer[0, 0].Width);
        Assert.True(buffer[1, 0].IsContinuation);
        Assert.Equal("😀a ", buffer.LineText(0));
    }

    [Fact]
    public void DrawBox_WithTitle_DrawsCornersAndTitle()
    {
        var buffer = new ScreenBuffer(12, 4);

        buffer.DrawBox(buffer.Area, Style.Default, BoxStyle.Single, "帮助");

        Assert.Equal("┌─ 帮助 ───┐\n│          │\n│          │\n└──────────┘\n", buffer.ToText());
    }

    [Fact]
    public void SetStyle_RegionCutsWideChar_StylesBothHalves()
    {
        var buffer = new ScreenBuffer(6, 1);
        buffer.SetString(0, 0, "中文", Style.Default);
        var red = new Style(Color.Red);

        buffer.SetStyle(new Rect(1, 0, 2, 1), red);

        Assert.All(Enumerable.Range(0, 4), x => Assert.Equal(red, buffer[x, 0].Style));
        Assert.Equal(Style.Default, buffer[4, 0].Style);
    }

    [Fact]
    public void ToText_ContinuationCells_AreSkipped()
    {
        var buffer = new ScreenBuffer(5, 2);
        buffer.SetString(0, 0, "中文a", Style.Default);

        Assert.Equal("中文a\n\n", buffer.ToText());
        Assert.Equal("中文a\n     \n", buffer.ToText(trimEnd: false));
    }

    [Fact]
    public void SetString_AmbiguousWideBuffer_MeasuresAmbiguousAsTwo()
    {
        var buffer = new ScreenBuffer(6, 1, ambiguousWide: true);

        var written = buffer.SetString(0, 0, "·…中", Style.Default);

        Assert.Equal(6, written);
        Assert.Equal(2, buffer[0, 0].Width);
        Assert.Equal(6, buffer.Measure("·…中"));
        AssertNoSplitWideCharacters(buffer);
    }

    internal static void AssertNoSplitWideCharacters(ScreenBuffer buffer)
    {
        for (var y = 0; y < buffer.Height; y++)
        {
            for (var x = 0; x < buffer.Width; x++)
            {
                var cell = buffer[x, y];
                if (cell.Width == 2)
                {
                    Assert.True(x + 1 < buffer.Width, $"wide char at the last column ({x},{y})");
                    Assert.True(buffer[x + 1, y].IsContinuation, $"wide char without continuation at ({x},{y})");
                }
                else if (cell.IsContinuation)
                {
                    Assert.True(x > 0 && buffer[x - 1, y].Width == 2, $"orphan continuation at ({x},{y})");
                }
            }
        }
    }
}
