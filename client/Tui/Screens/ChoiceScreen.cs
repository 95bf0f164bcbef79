using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>One choice of a <see cref="ChoiceScreen"/>: its line and what choosing it does (after the dialog closed).</summary>
public sealed record Choice(string Text, Action OnChoose);

/// <summary>
/// A dialog over the current screen: an explanation and a list of choices (↑/↓ and Enter, or the digit of the
/// choice); Esc cancels. Used for the save conflict, the agency to save into, leaving with unsaved changes and the
/// findings that block a submission.
/// </summary>
public sealed class ChoiceScreen(TuiShell shell, string title, IReadOnlyList<string> explanation, IReadOnlyList<Choice> choices,
    Action? onCancel = null) : IScreen
{
    private ListState _list;
    private int _viewHeight = 1;

    public string Title => title;

    public bool IsOverlay => true;

    public bool CapturesText => false;

    public IReadOnlyList<string> Explanation => explanation;

    public IReadOnlyList<Choice> Choices => choices;

    public int Selected => _list.Selected;

    public IReadOnlyList<KeyHint> StatusHints { get; } = [new KeyHint("↑↓", "选择"), new KeyHint("Enter", "确定"), new KeyHint("Esc", "取消")];

    public IReadOnlyList<string> HelpText => [.. explanation, string.Empty, "↑/↓ 选择，Enter 确定（或按选项前的数字），Esc 取消"];

    public Point? Cursor => null;

    /// <summary>Closes the dialog and runs the choice at <paramref name="index"/>.</summary>
    public void Choose(int index)
    {
        shell.Pop();
        choices[index].OnChoose();
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (_list.TryNavigate(key.Key, choices.Count, _viewHeight, out var moved))
        {
            _list = moved;
            return ScreenResult.Handled;
        }

        switch (key.Key)
        {
            case Key.Enter when choices.Count > 0:
                Choose(_list.Selected);
                return ScreenResult.Handled;
            case Key.Escape:
                shell.Pop();
                onCancel?.Invoke();
                return ScreenResult.Handled;
            case Key.Char when key.IsPrintable && key.Rune.Value is >= '1' and <= '9' && key.Rune.Value - '1' < choices.Count && choices.Count <= 9:
                Choose(key.Rune.Value - '1');
                return ScreenResult.Handled;
            default:
                // A dialog keeps the keys (q too): nothing reaches the screen below while it is open.
                return ScreenResult.Handled;
        }
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = shell.Theme;
        var width = Math.Max(20, Math.Min(area.Width - 8, 76));
        var lines = explanation.SelectMany(line => Chrome.Wrap(line, width)).ToList();
        var items = choices.Select((c, i) => choices.Count <= 9 ? $"{i + 1}. {c.Text}" : c.Text).ToList();

        // The choices get what the explanation leaves (at least three rows); the explanation is cut first.
        var room = Math.Max(3, area.Height - 4);
        _viewHeight = Math.Max(1, Math.Min(items.Count, room - Math.Min(lines.Count + 1, Math.Max(0, room - 3))));
        var shownLines = Math.Max(0, Math.Min(lines.Count, room - _viewHeight - 1));
        var content = lines.Take(shownLines).ToList();
        content.Add(string.Empty);
        var listTop = content.Count;
        content.AddRange(Enumerable.Repeat(new string(' ', Math.Min(width, items.Count == 0 ? 1 : items.Max(i => buffer.Measure(i)) + 2)), _viewHeight));
        var inner = Modal.Draw(buffer, area, title, content, theme);
        if (inner.Height <= listTop)
        {
            return;
        }

        _list = _list.EnsureVisible(_viewHeight);
        var listArea = new Rect(inner.X, inner.Y + listTop, inner.Width, Math.Min(_viewHeight, inner.Height - listTop));
        ListView.Draw(buffer, listArea, items, _list, theme with { Normal = theme.Modal });
    }
}
