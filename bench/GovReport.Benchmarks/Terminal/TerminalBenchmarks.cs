using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using GovReport.Terminal;

namespace GovReport.Benchmarks.Terminal;

/// <summary>
/// One frame of the data-entry screen at 200×60: tab bar, title, a 25-row × 8-column grid with Chinese
/// row labels, input line and status bar, built from scratch and diff-rendered (the immediate-mode loop).
/// Output goes to Stream.Null through the real TerminalOutput, so UTF-8 encoding and the write are included.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(PercentileConfig))]
public class TerminalFrameBenchmarks
{
    private static readonly string[] RowLabels =
    [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "三、本年度办理结果", "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（三）不予公开", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷",
        "8.属于行政查询事项", "（四）无法提供", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
        "（五）不予处理", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请", "（六）其他处理", "（七）总计",
    ];

    private static readonly string[] Columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "核对"];

    private static readonly KeyHint[] Hints = [new("F1", "帮助"), new("Tab", "下一格"), new("Enter", "编辑"), new("F5", "校验"), new("F10", "保存")];

    private readonly GridModel _model = new("申请人情况", Columns, [10, 10, 10, 14, 14, 8, 10, 8], RowLabels, 40, Cell);
    private readonly ScreenBuffer _screen = new(200, 60);
    private Renderer _renderer = null!;
    private GridState _state;
    private int _step;

    [GlobalSetup]
    public void Setup()
    {
        _renderer = new Renderer(new TerminalOutput(Stream.Null));
        _state = Draw(new GridState(10, 3));
        _renderer.Render(_screen);

        // Bytes per one-cell cursor move, over a walk through the grid (reported in the log; README has the figure).
        long total = 0;
        var max = 0;
        for (var i = 0; i < 200; i++)
        {
            _state = Draw(NextState());
            var bytes = _renderer.Render(_screen);
            total += bytes;
            max = Math.Max(max, bytes);
        }

        Console.WriteLine($"// bytes per cursor move: mean {total / 200.0:F1}, max {max}");
    }

    /// <summary>Selection moves one cell; the whole screen is rebuilt and diff-rendered.</summary>
    [Benchmark]
    public int FrameCursorMove()
    {
        _state = Draw(NextState());
        return _renderer.Render(_screen);
    }

    /// <summary>Worst case: full redraw (resize or Ctrl+L).</summary>
    [Benchmark]
    public int FrameFullRedraw()
    {
        _state = Draw(NextState());
        _renderer.Invalidate();
        return _renderer.Render(_screen);
    }

    private GridState NextState()
    {
        // Walk right along a row, then down: every step is a one-cell move.
        _step++;
        return _step % 8 == 0 ? _state.Move(_state.Row == 24 ? -24 : 1, -7, _model) : _state.Move(0, 1, _model);
    }

    private GridState Draw(GridState state)
    {
        var theme = Theme.Default;
        _screen.Clear();
        var top = _screen.Area.SplitTop(1, out var rest);
        TabBar.Draw(_screen, top, ["一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼"], 2, theme);
        var title = rest.SplitTop(1, out rest);
        Label.Draw(_screen, title, "三、收到和处理政府信息公开申请情况 — 某市人民政府办公室 2024年度", theme.Header);
        var status = rest.SplitBottom(1, out rest);
        var input = rest.SplitBottom(1, out rest);
        state = GridView.Draw(_screen, rest, _model, state, theme);
        var prompt = _screen.SetString(input.X, input.Y, "数值：", theme.Normal);
        TextInput.Draw(_screen, new Rect(input.X + prompt, input.Y, 12, 1), TextInputState.Of(state.Row.ToString(System.Globalization.CultureInfo.InvariantCulture)), theme.Input);
        StatusBar.Draw(_screen, status, Hints, $"第{state.Row + 1}行 第{state.Column + 1}列", theme);
        return state;
    }

    private static GridCell Cell(int row, int column)
    {
        if (row is 2 or 5 or 14 or 18)
        {
            return GridCell.Blank;
        }

        var value = ((row * 37) + (column * 11)) % 53;
        return value % 7 == 3 ? GridCell.Blank : GridCell.Of(value * (column + 1)).WithFinding(row == 24 && column == 6);
    }

    private sealed class PercentileConfig : ManualConfig
    {
        public PercentileConfig()
        {
            AddColumn(StatisticColumn.P95);
        }
    }
}
