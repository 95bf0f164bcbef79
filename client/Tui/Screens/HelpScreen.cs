using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>The help overlay (? or F1): the keys of the screen below. Any key closes it.</summary>
public sealed class HelpScreen(TuiShell shell, IScreen target) : IScreen
{
    public string Title => "帮助";

    public bool IsOverlay => true;

    public bool CapturesText => false;

    public IReadOnlyList<KeyHint> StatusHints { get; } = [new KeyHint("任意键", "关闭帮助")];

    public IReadOnlyList<string> HelpText { get; } = ["任意键关闭帮助"];

    public Point? Cursor => null;

    public ScreenResult HandleKey(KeyEvent key) => ScreenResult.Pop;

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var lines = new List<string>(target.HelpText)
        {
            string.Empty,
            "?  / F1   帮助（本窗口）",
            "q         退出（输入文字时除外）",
            "Esc       返回上一屏幕",
            "Ctrl+C    立即退出",
        };
        Modal.Draw(buffer, area, "帮助：" + target.Title, lines, shell.Theme);
    }
}
