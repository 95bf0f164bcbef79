using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>The comments of a report over the review screen (for terminals too narrow for the side panel): ↑/↓ scroll, Esc closes.</summary>
internal sealed class ReviewCommentsScreen(TuiShell shell, string title, IReadOnlyList<string> lines) : IScreen
{
    private ListState _list;
    private int _viewHeight = 10;

    public string Title => title;

    public bool IsOverlay => true;

    public bool CapturesText => false;

    public IReadOnlyList<KeyHint> StatusHints { get; } = [new KeyHint("↑↓", "滚动"), new KeyHint("Esc", "关闭")];

    public IReadOnlyList<string> HelpText { get; } = ["本报告的全部评论，按时间从早到晚。", "↑/↓ PgUp/PgDn 滚动，Esc 或 v 关闭"];

    public Point? Cursor => null;

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (_list.TryNavigate(key.Key, lines.Count, _viewHeight, out var moved, homeEnd: false))
        {
            _list = moved;
            return ScreenResult.Handled;
        }

        return key.Key == Key.Escape || (key.IsPrintable && key.Rune.Value is 'v' or 'q') ? ScreenResult.Pop : ScreenResult.Handled;
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var box = area.Center(Math.Max(10, area.Width - 4), Math.Max(3, area.Height - 2));
        var inner = Chrome.Panel(buffer, box, shell.Theme, title, focused: true);
        if (inner.IsEmpty)
        {
            return;
        }

        _viewHeight = inner.Height;
        var items = lines.Count == 0 ? ["（暂无评论）"] : lines;
        ListView.Draw(buffer, inner, items, _list.EnsureVisible(_viewHeight), shell.Theme);
    }
}
