namespace GovReport.Terminal.Tests;

// A screen like the one clerks fill in: part 三 of the 2019 template (25 rows × 7 columns, Chinese labels).
internal static class SampleScreen
{
    public static readonly string[] RowLabels =
    [
        "一、本年新收政府信息公开申请数量",
        "二、上年结转政府信息公开申请数量",
        "三、本年度办理结果",
        "（一）予以公开",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "（三）不予公开",
        "1.属于国家秘密",
        "2.其他法律行政法规禁止公开",
        "3.危及“三安全一稳定”",
        "4.保护第三方合法权益",
        "5.属于三类内部事务信息",
        "6.属于四类过程性信息",
        "7.属于行政执法案卷",
        "8.属于行政查询事项",
        "（四）无法提供",
        "1.本机关不掌握相关政府信息",
        "2.没有现成信息需要另行制作",
        "3.补正后申请内容仍不明确",
        "（五）不予处理",
        "1.信访举报投诉类申请",
        "2.重复申请",
        "3.要求提供公开出版物",
        "4.无正当理由大量反复申请",
        "（六）其他处理",
        "（七）总计",
    ];

    public static readonly string[] Columns = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"];

    public static GridModel Model(int labelWidth = 34) => new(
        "申请人情况",
        Columns,
        [8, 8, 8, 8, 8, 6, 8],
        RowLabels,
        labelWidth,
        Cell);

    // Deterministic values: some blanks, some zeros, a finding on the total row.
    public static GridCell Cell(int row, int column)
    {
        if (row is 2 or 5 or 14 or 18)
        {
            return GridCell.Blank;
        }

        var value = ((row * 37) + (column * 11)) % 53;
        var cell = value % 7 == 3 ? GridCell.Blank : GridCell.Of(value % 5 == 0 ? 0 : value * (column + 1));
        return row == 24 && column == 6 ? cell.WithFinding() : cell;
    }

    public static readonly KeyHint[] Hints =
    [
        new("F1", "帮助"),
        new("Tab", "下一格"),
        new("Enter", "编辑"),
        new("F5", "校验"),
        new("F10", "保存"),
    ];

    public static GridState Draw(ScreenBuffer buffer, GridState state, bool help = false)
    {
        var theme = Theme.Default;
        buffer.Clear();
        var top = buffer.Area.SplitTop(1, out var rest);
        TabBar.Draw(buffer, top, ["一、总体情况", "二、主动公开", "三、依申请公开", "四、复议诉讼"], 2, theme);
        var title = rest.SplitTop(1, out rest);
        Label.Draw(buffer, title, "三、收到和处理政府信息公开申请情况 — 某市人民政府办公室 2024年度", theme.Header);
        var status = rest.SplitBottom(1, out rest);
        var input = rest.SplitBottom(1, out rest);
        state = GridView.Draw(buffer, rest, Model(Math.Min(34, buffer.Width / 3)), state, theme);
        var prompt = buffer.SetString(input.X, input.Y, "数值：", theme.Normal);
        TextInput.Draw(buffer, new Rect(input.X + prompt, input.Y, 12, 1), TextInputState.Of("1２3"), theme.Input);
        StatusBar.Draw(buffer, status, Hints, "第25行“总计”不等于各项之和", theme);
        if (help)
        {
            Modal.Draw(buffer, buffer.Area, "帮助", ["方向键 移动", "Enter 编辑单元格", "Delete 清空（留空≠0）", "F5 校验  F10 保存", "Esc 关闭"], theme);
        }

        return state;
    }
}
