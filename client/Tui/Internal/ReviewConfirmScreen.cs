using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>A yes/no question over the current screen: y or Enter confirms, n or Esc cancels.</summary>
internal sealed class ReviewConfirmScreen(TuiShell shell, string title, IReadOnlyList<string> lines, Action onConfirm) : IScreen
{
    public string Title => title;

    public bool IsOverlay => true;

    public bool CapturesText => false;

    public IReadOnlyList<KeyHint> StatusHints { get; } = [new KeyHint("y/Enter", "确定"), new KeyHint("n/Esc", "取消")];

    public IReadOnlyList<string> HelpText => [.. lines, string.Empty, "y 或 Enter 确定，n 或 Esc 取消"];

    public Point? Cursor => null;

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (key.Key == Key.Enter || (key.IsPrintable && key.Rune.Value is 'y' or 'Y'))
        {
            shell.Pop();
            onConfirm();
            return ScreenResult.Handled;
        }

        if (key.Key == Key.Escape || (key.IsPrintable && key.Rune.Value is 'n' or 'N' or 'q'))
        {
            shell.SetMessage("已取消");
            return ScreenResult.Pop;
        }

        return ScreenResult.Handled;
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        Modal.Draw(buffer, area, title, [.. lines, string.Empty, "y/Enter 确定    n/Esc 取消"], shell.Theme);
    }
}
