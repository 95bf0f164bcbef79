namespace GovReport.Terminal.Tests;

public class WidgetTests
{
    private static readonly Theme Theme = Theme.Default;

    [Fact]
    public void Label_TooLong_TruncatesWithEllipsisByDisplayWidth()
    {
        var buffer = new ScreenBuffer(12, 1);

        Label.Draw(buffer, new Rect(0, 0, 9, 1), "本机关不掌握相关政府信息", Style.Default);

        Assert.Equal("本机关不…", buffer.LineText(0, trimEnd: true));
    }

    [Fact]
    public void Label_RightAligned_EndsAtAreaEdge()
    {
        var buffer = new ScreenBuffer(10, 1);

        Label.Draw(buffer, new Rect(0, 0, 10, 1), "总计", Style.Default, Alignment.Right);

        Assert.Equal("      总计", buffer.LineText(0));
    }

    [Fact]
    public void GridView_BlankAndZero_RenderDifferently()
    {
        var buffer = new ScreenBuffer(30, 4);
        var model = new GridModel("项目", ["甲", "乙"], [6, 6], ["一、新收"], 10, (_, c) => c == 0 ? GridCell.Blank : GridCell.Of(0));

        GridView.Draw(buffer, buffer.Area, model, new GridState(0, 1), Theme);

        var line = buffer.LineText(2, trimEnd: true);
        Assert.Equal("一、新收  │    · │    0", line);
        Assert.Equal(Theme.Dim, buffer[15, 2].Style);
        Assert.Equal(Theme.Selected, buffer[22, 2].Style);
    }

    [Fact]
    public void GridView_FindingCell_UsesFindingStyle()
    {
        var buffer = new ScreenBuffer(30, 4);
        var model = new GridModel("项目", ["甲", "乙"], [6, 6], ["一、新收"], 10, (_, c) => GridCell.Of(12).WithFinding(c == 0));

        GridView.Draw(buffer, buffer.Area, model, new GridState(0, 1), Theme);

        Assert.Equal(Theme.Finding, buffer[14, 2].Style);
        Assert.Equal(Theme.Selected, buffer[21, 2].Style);
    }

    [Fact]
    public void GridView_SelectionBelowView_ScrollsRows()
    {
        var buffer = new ScreenBuffer(80, 8);

        var state = GridView.Draw(buffer, buffer.Area, SampleScreen.Model(), new GridState(20, 0), Theme);

        Assert.Equal(15, state.RowOffset);
        Assert.StartsWith("2.重复申请", buffer.LineText(7), StringComparison.Ordinal);
    }

    [Fact]
    public void GridView_SelectionRightOfView_ScrollsColumns()
    {
        var buffer = new ScreenBuffer(50, 6);

        var state = GridView.Draw(buffer, buffer.Area, SampleScreen.Model(20), new GridState(0, 6), Theme);

        Assert.True(state.ColumnOffset > 0);
        Assert.Contains("总计", buffer.LineText(0), StringComparison.Ordinal);
    }

    [Fact]
    public void ListView_SelectionPastEnd_ScrollsAndHighlights()
    {
        var buffer = new ScreenBuffer(20, 3);
        var items = Enumerable.Range(1, 10).Select(i => $"第{i}项").ToList();
        var state = new ListState().Move(5, items.Count, 3);

        ListView.Draw(buffer, buffer.Area, items, state, Theme);

        Assert.Equal(new ListState(5, 3), state);
        Assert.StartsWith(" 第6项", buffer.LineText(2), StringComparison.Ordinal);
        Assert.Equal(Theme.Selected, buffer[0, 2].Style);
    }

    [Theory]
    [InlineData(Key.Down, true, 5, 3)]
    [InlineData(Key.Up, true, 3, 3)]
    [InlineData(Key.PageDown, true, 7, 5)]
    [InlineData(Key.PageUp, true, 1, 1)]
    [InlineData(Key.End, true, 9, 7)]
    [InlineData(Key.Home, true, 0, 0)]
    public void ListStateTryNavigate_NavigationKey_MovesAndScrolls(Key key, bool handled, int selected, int offset)
    {
        var state = new ListState(4, 3);

        Assert.Equal(handled, state.TryNavigate(key, 10, 3, out var moved));
        Assert.Equal(new ListState(selected, offset), moved);
    }

    [Fact]
    public void ListStateTryNavigate_HomeEndOwnedByTextField_NotHandled()
    {
        var state = new ListState(4, 3);

        Assert.False(state.TryNavigate(Key.Home, 10, 3, out var home, homeEnd: false));
        Assert.False(state.TryNavigate(Key.Enter, 10, 3, out _));
        Assert.Equal(state, home);
    }

    [Fact]
    public void TabBar_Selected_UsesActiveStyle()
    {
        var buffer = new ScreenBuffer(30, 1);

        TabBar.Draw(buffer, buffer.Area, ["表一", "表二"], 1, Theme);

        Assert.Equal(" 表一 │ 表二", buffer.LineText(0, trimEnd: true));
        Assert.Equal(Theme.TabInactive, buffer[1, 0].Style);
        Assert.Equal(Theme.TabActive, buffer[8, 0].Style);
    }

    [Fact]
    public void StatusBar_NarrowScreen_KeepsMessageDropsHints()
    {
        var buffer = new ScreenBuffer(24, 1);

        StatusBar.Draw(buffer, buffer.Area, SampleScreen.Hints, "已保存", Theme);

        Assert.Equal("F1 帮助" + new string(' ', 10) + "已保存", buffer.LineText(0, trimEnd: true));
    }

    [Fact]
    public void TextInput_WideCharacters_CursorInDisplayColumns()
    {
        var buffer = new ScreenBuffer(20, 1);
        var state = TextInputState.Of("合计12");

        var cursor = TextInput.Draw(buffer, new Rect(2, 0, 10, 1), state, Style.Default);

        Assert.Equal(new Point(8, 0), cursor);
        Assert.Equal("  合计12", buffer.LineText(0, trimEnd: true));
    }

    [Fact]
    public void TextInput_LongText_ScrollsAndNeverSplitsWideChar()
    {
        var buffer = new ScreenBuffer(12, 1);
        var state = TextInputState.Of("政府信息公开工作年度报告");

        var cursor = TextInput.Draw(buffer, new Rect(0, 0, 8, 1), state, Style.Default);

        // 年 straddles the left edge: its visible half is a space.
        Assert.Equal(new Point(7, 0), cursor);
        Assert.Equal(" 度报告", buffer.LineText(0, trimEnd: true));
        ScreenBufferTests.AssertNoSplitWideCharacters(buffer);
    }

    [Fact]
    public void TextInputState_EditingKeys_MoveByGrapheme()
    {
        var state = TextInputState.Empty;
        foreach (var key in new[] { KeyEvent.Char('a'), KeyEvent.Char(new System.Text.Rune(0x1F600)), KeyEvent.Char('中') })
        {
            Assert.True(state.TryApply(key, out state));
        }

        Assert.True(state.TryApply(new KeyEvent(Key.Left), out state));
        Assert.True(state.TryApply(new KeyEvent(Key.Backspace), out state));
        Assert.Equal(new TextInputState("a中", 1), state);

        Assert.True(state.TryApply(KeyEvent.Paste("第一行\n第二行"), out state));
        Assert.Equal("a第一行 第二行中", state.Text);
        Assert.True(state.TryApply(new KeyEvent(Key.Home), out state));
        Assert.True(state.TryApply(new KeyEvent(Key.Delete), out state));
        Assert.Equal(new TextInputState("第一行 第二行中", 0), state);
        Assert.False(state.TryApply(new KeyEvent(Key.F5), out var unchanged));
        Assert.Equal(state, unchanged);
    }

    [Fact]
    public void TextInputState_CombiningAccent_DeletedWithBase()
    {
        var state = TextInputState.Of("ae\u0301");

        Assert.True(state.TryApply(new KeyEvent(Key.Backspace), out state));

        Assert.Equal(new TextInputState("a", 1), state);
    }

    [Fact]
    public void Modal_Drawn_IsCentredBoxWithTitle()
    {
        var buffer = new ScreenBuffer(20, 7);

        var inner = Modal.Draw(buffer, buffer.Area, "帮助", ["Esc 关闭"], Theme);

        Assert.Equal(new Rect(6, 3, 8, 1), inner);
        Assert.Equal("    ┌─ 帮助 ───┐", buffer.LineText(2, trimEnd: true));
        Assert.Equal("    │ Esc 关闭 │", buffer.LineText(3, trimEnd: true));
    }
}
