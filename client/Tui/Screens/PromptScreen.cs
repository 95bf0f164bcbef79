using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>A one-line question over the current screen (file path, justification, reason). Enter accepts, Esc cancels.</summary>
public sealed class PromptScreen(TuiShell shell, string title, string label, string initial, Action<string> onSubmit) : IScreen
{
    private TextInputState _input = TextInputState.Of(initial);

    public string Title => title;

    public bool IsOverlay => true;

    public bool CapturesText => true;

    public string Text => _input.Text;

    public IReadOnlyList<KeyHint> StatusHints { get; } = [new KeyHint("Enter", "确定"), new KeyHint("Esc", "取消")];

    public IReadOnlyList<string> HelpText => [label, "Enter 确定，Esc 取消", "Ctrl+A/E 行首/行尾，Ctrl+U 清除光标前文字"];

    public Point? Cursor { get; private set; }

    public ScreenResult HandleKey(KeyEvent key)
    {
        switch (key.Key)
        {
            case Key.Enter:
                shell.Pop();
                onSubmit(_input.Text.Trim());
                return ScreenResult.Handled;
            case Key.Escape:
                return ScreenResult.Pop;
            default:
                if (_input.TryApply(key, out var next))
                {
                    _input = next;
                }

                return ScreenResult.Handled;
        }
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var width = Math.Max(20, Math.Min(area.Width - 6, 70));
        var inner = Modal.Draw(buffer, area, title, [label, new string(' ', width), string.Empty], shell.Theme);
        if (inner.Height < 2)
        {
            Cursor = null;
            return;
        }

        Cursor = TextInput.Draw(buffer, new Rect(inner.X, inner.Y + 1, inner.Width, 1), _input, shell.Theme.Input);
        Label.Draw(buffer, new Rect(inner.X, inner.Y + 2, inner.Width, 1), "Enter 确定  Esc 取消", shell.Theme.Dim);
    }
}
