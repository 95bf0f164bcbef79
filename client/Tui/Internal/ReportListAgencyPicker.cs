using GovReport.Api.V1;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Internal;

/// <summary>
/// A dialog over the report list to pick the agency subtree to filter by: the agency tree indented by depth, with
/// "全部机关" first. Typing narrows the tree to names containing the text (ancestors kept, so the tree stays readable).
/// </summary>
internal sealed class ReportListAgencyPicker : IScreen
{
    private const string All = "全部机关";

    private readonly TuiShell _shell;
    private readonly IReadOnlyList<Agency> _agencies;
    private readonly Action<string, string> _picked;
    private ListState _list;
    private TextInputState _filter = TextInputState.Empty;
    private List<Agency?> _shown;
    private int _viewHeight = 10;

    /// <summary>A picker over <paramref name="agencies"/> (tree order) with <paramref name="current"/> selected; <paramref name="picked"/> gets (name, display name).</summary>
    public ReportListAgencyPicker(TuiShell shell, IReadOnlyList<Agency> agencies, string current, Action<string, string> picked)
    {
        _shell = shell;
        _agencies = agencies;
        _picked = picked;
        _shown = [null, .. agencies];
        _list = new ListState(Math.Max(0, IndexOf(agencies, current) + 1));
    }

    public string Title => "选择机关";

    public bool IsOverlay => true;

    public bool CapturesText => true;

    public IReadOnlyList<KeyHint> StatusHints { get; } =
        [new KeyHint("↑↓", "选择"), new KeyHint("Enter", "确定"), new KeyHint("输入", "筛选"), new KeyHint("Esc", "取消")];

    public IReadOnlyList<string> HelpText { get; } =
    [
        "选择机关：列表只显示所选机关及其下级机关的报告。",
        "↑/↓ PgUp/PgDn Home/End  选择    Enter  确定    Esc  取消",
        "直接输入文字可按名称筛选，Backspace 删除。",
    ];

    public Point? Cursor { get; private set; }

    /// <summary>The agencies shown now (null = "全部机关").</summary>
    public IReadOnlyList<Agency?> Shown => _shown;

    public int Selected => _list.Selected;

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (_list.TryNavigate(key.Key, _shown.Count, _viewHeight, out var moved))
        {
            _list = moved;
            return ScreenResult.Handled;
        }

        switch (key.Key)
        {
            case Key.Escape:
                return ScreenResult.Pop;
            case Key.Enter:
                var agency = _shown.Count == 0 ? null : _shown[_list.Selected];
                _picked(agency?.Name ?? string.Empty, agency?.DisplayName ?? All);
                return ScreenResult.Pop;
            default:
                break;
        }

        if (_filter.TryApply(key, out var next))
        {
            _filter = next;
            Narrow();
        }

        return ScreenResult.Handled;
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        var box = area.Center(Math.Min(area.Width - 2, 60), Math.Min(area.Height - 2, Math.Max(8, _shown.Count + 5)));
        var inner = Chrome.Panel(buffer, box, theme, "选择机关", focused: true);
        if (inner.Height < 3)
        {
            Cursor = null;
            return;
        }

        var filterRow = inner.SplitTop(1, out var rest);
        var prompt = "筛选：";
        var promptWidth = buffer.SetString(filterRow.X, filterRow.Y, prompt, theme.Dim, filterRow.Width);
        Cursor = TextInput.Draw(buffer, new Rect(filterRow.X + promptWidth, filterRow.Y, Math.Max(0, filterRow.Width - promptWidth), 1), _filter, theme.Input);
        var listArea = new Rect(rest.X, rest.Y + 1, rest.Width, Math.Max(0, rest.Height - 1));
        _viewHeight = Math.Max(1, listArea.Height);
        _list = _list.EnsureVisible(_viewHeight);
        if (_shown.Count == 0)
        {
            Label.Draw(buffer, listArea, "没有名称包含该文字的机关", theme.Dim);
            return;
        }

        var items = _shown.Select(a => a is null ? All : new string(' ', 2 * Math.Max(0, a.Depth)) + a.DisplayName).ToList();
        ListView.Draw(buffer, listArea, items, _list, theme);
    }

    private static int IndexOf(IReadOnlyList<Agency> agencies, string name)
    {
        for (var i = 0; i < agencies.Count; i++)
        {
            if (agencies[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    private void Narrow()
    {
        var text = _filter.Text.Trim();
        if (text.Length == 0)
        {
            _shown = [null, .. _agencies];
        }
        else
        {
            // Keep every match and its ancestors (by parent name), in tree order.
            var byName = _agencies.ToDictionary(a => a.Name, StringComparer.Ordinal);
            var keep = new HashSet<string>(StringComparer.Ordinal);
            foreach (var agency in _agencies.Where(a => a.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)))
            {
                for (var a = agency; a is not null && keep.Add(a.Name); a = byName.GetValueOrDefault(a.Parent))
                {
                }
            }

            _shown = [.. _agencies.Where(a => keep.Contains(a.Name))];
        }

        // Select the first real match, not an ancestor kept for context.
        var first = _shown.FindIndex(a => a is null || a.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase));
        _list = new ListState(Math.Max(0, first)).EnsureVisible(_viewHeight);
    }
}
