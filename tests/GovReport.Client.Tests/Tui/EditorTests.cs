using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;
using static GovReport.Client.Tests.Tui.Tuis;

namespace GovReport.Client.Tests.Tui;

public sealed class EditorTests(EmbeddedServerFixture server) : IClassFixture<EmbeddedServerFixture>
{
    private const string Seed002 = "002_dfb6703c5ed3c52a.txt";
    private const string TotalNaturalPerson = "applications.results_total.natural_person";

    private async Task<(TuiShell Shell, EditorScreen Editor)> ImportSeed002Async()
    {
        var shell = await server.ConnectedShellAsync();
        var home = new HomeScreen(shell);
        shell.Push(home);

        // The home screen's import (what its file picker calls): the picker itself is tested on its own.
        home.Import(Seed(Seed002));
        await shell.SettleAsync();
        var editor = Assert.IsType<EditorScreen>(shell.Top);
        return (shell, editor);
    }

    [Fact]
    public async Task Import_Seed002_ListsTotalNaturalPersonFindingAndHighlightsCell()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;

        var finding = editor.Findings.First(f => f.CulpritAddress == TotalNaturalPerson);
        Assert.Equal(Severity.Error, finding.Severity);
        Assert.Contains("18", finding.Message, StringComparison.Ordinal);
        Assert.True(editor.HasFinding(TotalNaturalPerson));
        Assert.Equal(EditorFocus.Findings, editor.Focus);
        Assert.Contains("已导入 " + Seed002, shell.Message, StringComparison.Ordinal);

        // The findings panel lists it with the rule id and the Chinese message.
        var text = TuiApp.Snapshot(shell, 120, 40);
        Assert.Contains($"错误 {finding.RuleId} ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindingsEnter_OnTotalFinding_JumpsToTheCellInTableThree()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        var index = editor.Findings.ToList().FindIndex(f => f.CulpritAddress == TotalNaturalPerson);

        await shell.PressAsync(K(Key.Home));
        for (var i = 0; i < index; i++)
        {
            await shell.PressAsync(K(Key.Down));
        }

        await shell.PressAsync(K(Key.Enter));

        Assert.Equal(EditorFocus.Table, editor.Focus);
        Assert.Equal("applications", editor.PartCode);
        Assert.Equal(TotalNaturalPerson, editor.SelectedAddress);
        var buffer = new ScreenBuffer(80, 24);
        shell.Draw(buffer);
        AssertWellFormed(buffer);
        var selected = FindText(buffer, "（七）总计");
        Assert.True(selected.Y >= 0, buffer.ToText());

        // Stated 18 with the computed 17 beside it, highlighted as a finding.
        var row = buffer.LineText(selected.Y);
        Assert.Contains("18", row, StringComparison.Ordinal);
        var computedRow = buffer.LineText(selected.Y + 1);
        Assert.Contains("计算：（七）总计", computedRow, StringComparison.Ordinal);
        Assert.Contains("17", computedRow, StringComparison.Ordinal);
        var seventeen = computedRow.IndexOf("17", StringComparison.Ordinal);
        Assert.True(CellAtText(buffer, selected.Y + 1, "17").Style.Has(TextAttributes.Underline));
        Assert.True(CellAtText(buffer, selected.Y, "18").Style.Has(TextAttributes.Reverse));
        Assert.True(seventeen > 0);
    }

    [Fact]
    public async Task TypeDigitsEnter_FixesTotal_RevalidatesAndClearsFinding()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        Assert.True(editor.JumpTo(TotalNaturalPerson));

        await shell.PressAsync(C('1'));
        Assert.Equal("1", editor.EditBuffer);
        await shell.PressAsync(C('7'), K(Key.Enter));

        Assert.Null(editor.EditBuffer);
        Assert.True(editor.Modified);
        Assert.DoesNotContain(editor.Findings, f => f.CulpritAddress == TotalNaturalPerson);
        Assert.False(editor.HasFinding(TotalNaturalPerson));
        Assert.Equal("applications.carried_forward.natural_person", editor.SelectedAddress);
    }

    [Fact]
    public async Task DeleteAndZero_SameRow_BlankShowsDotZeroShowsDigit()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        Assert.True(editor.JumpTo("applications.granted.natural_person"));

        await shell.PressAsync(K(Key.Delete), K(Key.Right), C('0'), K(Key.Enter));

        var buffer = new ScreenBuffer(80, 24);
        shell.Draw(buffer);
        var row = FindText(buffer, "（一）予以公开").Y;
        var line = buffer.LineText(row);
        var cells = line.Split('│');
        Assert.Equal(GridView.BlankMark, cells[1].Trim());
        Assert.Equal("0", cells[2].Trim());
    }

    [Fact]
    public async Task Backspace_OnCellWith18_EditsTo1AndEscCancels()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        Assert.True(editor.JumpTo(TotalNaturalPerson));

        await shell.PressAsync(K(Key.Backspace));
        Assert.Equal("1", editor.EditBuffer);
        await shell.PressAsync(C('x'));
        Assert.True(shell.MessageIsError);
        await shell.PressAsync(K(Key.Escape));

        Assert.Null(editor.EditBuffer);
        Assert.Same(editor, shell.Top);
        Assert.True(editor.HasFinding(TotalNaturalPerson));
    }

    [Fact]
    public async Task TabAndShiftTab_SkipComputedColumnAndGroupRows()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        Assert.True(editor.JumpTo("applications.new_received.total"));

        await shell.PressAsync(K(Key.Tab));
        Assert.Equal("applications.carried_over.natural_person", editor.SelectedAddress);
        await shell.PressAsync(K(Key.Tab, KeyModifiers.Shift));
        Assert.Equal("applications.new_received.total", editor.SelectedAddress);
        await shell.PressAsync(K(Key.Down), K(Key.Down));
        Assert.Equal("applications.granted.total", editor.SelectedAddress);
        await shell.PressAsync(K(Key.Right));
        Assert.Null(editor.SelectedAddress);
        await shell.PressAsync(C('5'));
        Assert.Null(editor.EditBuffer);
        Assert.Contains("计算", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidCount_Negative_RefusedWithChineseMessage()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        Assert.True(editor.JumpTo("applications.granted.natural_person"));

        await shell.PressAsync(C('-'), C('3'), K(Key.Enter));

        Assert.Equal("-3", editor.EditBuffer);
        Assert.True(shell.MessageIsError);
        Assert.Contains("非负整数", shell.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Justification_OnWarning_IsRecordedAndShown_ErrorRefused()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        var warning = editor.Findings.ToList().FindIndex(f => f.Severity == Severity.Warning);
        Assert.True(warning >= 0, "seed 002 has a warning");

        await shell.PressAsync(K(Key.Home), C('j'));
        Assert.Contains("错误不能以说明代替", shell.Message, StringComparison.Ordinal);

        await shell.PressAsync(K(Key.Home));
        for (var i = 0; i < warning; i++)
        {
            await shell.PressAsync(K(Key.Down));
        }

        await shell.PressAsync(C('j'));
        Assert.IsType<PromptScreen>(shell.Top);
        await shell.TypeAsync("本年度按新口径统计");
        await shell.PressAsync(K(Key.Enter));

        Assert.Same(editor, shell.Top);
        Assert.Contains("本年度按新口径统计", editor.Justifications.Values);
        Assert.Contains("［已说明］", editor.FindingLine(editor.Findings[warning]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Narrative_TypeChineseAndQuestionMark_IsTextNotCommand()
    {
        var shell = await server.ConnectedShellAsync();
        await using var _ = shell;
        var templates = await shell.RequireSession().ListTemplatesAsync(CancellationToken.None);
        var editor = EditorScreen.CreateBlank(shell, templates);
        shell.Push(new HomeScreen(shell));
        shell.Push(editor);

        Assert.Equal(EditorFocus.Narrative, editor.Focus);
        await shell.TypeAsync("本机关q?");
        await shell.PressAsync(K(Key.Enter));
        await shell.TypeAsync("第二行");

        Assert.Same(editor, shell.Top);
        Assert.False(shell.QuitRequested);
        var text = TuiApp.Snapshot(shell, 80, 24);
        Assert.Contains("本机关q?", text, StringComparison.Ordinal);
        Assert.Contains("第二行", text, StringComparison.Ordinal);

        // Esc leaves the text; a second Esc asks about the unsaved text; discarding leaves the editor.
        await shell.PressAsync(K(Key.Escape));
        Assert.Equal(EditorFocus.Findings, editor.Focus);
        await shell.PressAsync(K(Key.Escape));
        var dialog = Assert.IsType<ChoiceScreen>(shell.Top);
        Assert.Equal("有未保存的修改", dialog.Title);
        await shell.PressAsync(C('2'));
        Assert.IsType<HomeScreen>(shell.Top);
    }

    [Fact]
    public async Task PartTabs_AltDigitsAndF2_SwitchParts()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;

        await shell.PressAsync(Alt('4'));
        Assert.Equal("reviews_litigation", editor.PartCode);
        Assert.Equal(EditorFocus.Findings, editor.Focus);
        await shell.PressAsync(K(Key.F2), K(Key.F2), K(Key.F2));
        Assert.Equal("overview", editor.PartCode);
        await shell.PressAsync(K(Key.F2, KeyModifiers.Shift));
        Assert.Equal("other_matters", editor.PartCode);
        await shell.PressAsync(Alt('2'), K(Key.F6));
        Assert.Equal(EditorFocus.Table, editor.Focus);
        var first = editor.BlockIndex;
        await shell.PressAsync(C(']'));
        Assert.NotEqual(first, editor.BlockIndex);
    }

    [Fact]
    public async Task Findings_EmptyValidationGiven_SaysNoProblemsNotUnvalidated()
    {
        await using var shell = await server.ConnectedShellAsync();
        var templates = await shell.RequireSession().ListTemplatesAsync(CancellationToken.None);
        var blank = EditorScreen.CreateBlank(shell, templates);
        shell.Push(new EditorScreen(shell, templates, blank.Report, new ValidationResult()));

        var text = TuiApp.Snapshot(shell, 80, 24);

        Assert.Contains("未发现问题", text, StringComparison.Ordinal);
        Assert.DoesNotContain("尚未校验", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task F5_AfterEdit_RevalidatesAgainstServer()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        var before = editor.Findings.Count;

        await shell.PressAsync(K(Key.F5));

        Assert.Equal(before, editor.Findings.Count);
        Assert.Equal(0, shell.PendingCount);
    }

    [Fact]
    public async Task CtrlO_ImportMissingFile_ShowsChineseError()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;

        await shell.PressAsync(KeyEvent.Ctrl('o'));
        Assert.IsType<ImportFileScreen>(shell.Top);
        await shell.TypeAsync("/nonexistent/年报.docx");
        await shell.PressAsync(K(Key.Enter));

        Assert.True(shell.MessageIsError);
        Assert.Contains("找不到", shell.Message, StringComparison.Ordinal);
        await shell.PressAsync(K(Key.Escape));
        Assert.Same(editor, shell.Top);
    }

    [Fact]
    public async Task Snapshot_Seed002AtTotalFinding_MatchesCheckedInText()
    {
        var (shell, editor) = await ImportSeed002Async();
        await using var _ = shell;
        shell.SetMessage(null);
        Assert.True(editor.JumpTo(TotalNaturalPerson));

        MatchSnapshot(TuiApp.Snapshot(shell, 80, 24), "editor-seed002-total.80x24");
        MatchSnapshot(TuiApp.Snapshot(shell, 120, 40), "editor-seed002-total.120x40");
        await shell.PressAsync(K(Key.F6));
        MatchSnapshot(TuiApp.Snapshot(shell, 80, 24), "editor-seed002-findings.80x24");
        MatchSnapshot(TuiApp.Snapshot(shell, 120, 40), "editor-seed002-findings.120x40");
    }

    private static Point FindText(ScreenBuffer buffer, string text)
    {
        for (var y = 0; y < buffer.Height; y++)
        {
            var x = buffer.LineText(y).IndexOf(text, StringComparison.Ordinal);
            if (x >= 0)
            {
                return new Point(x, y);
            }
        }

        return new Point(-1, -1);
    }

    /// <summary>The buffer cell of the last character of the number <paramref name="text"/> standing alone in row y.</summary>
    private static Terminal.Cell CellAtText(ScreenBuffer buffer, int y, string text)
    {
        for (var x = 0; x + text.Length <= buffer.Width; x++)
        {
            var match = true;
            for (var i = 0; i < text.Length && match; i++)
            {
                match = buffer[x + i, y].Text == text[i].ToString();
            }

            var before = x == 0 ? " " : buffer[x - 1, y].Text;
            var after = x + text.Length >= buffer.Width ? " " : buffer[x + text.Length, y].Text;
            if (match && before is " " or "│" && after is " " or "│")
            {
                return buffer[x + text.Length - 1, y];
            }
        }

        throw new InvalidOperationException($"'{text}' not found in row {y}");
    }
}
