using System.Text;
using System.Text.RegularExpressions;
using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// Choosing a report file to import: the report files (.docx, .html, .htm, .txt) and sub-folders of one folder, each
/// text file with its agency and title line, and a path field. ↑/↓ and Enter pick (a folder opens, a file imports),
/// Backspace on an empty path goes up; a typed path + Enter imports that file (or opens that folder).
/// </summary>
public sealed partial class ImportFileScreen : IScreen
{
    /// <summary>The file kinds the server's importer reads.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".docx", ".html", ".htm", ".txt"];

    // Summaries are read for at most this many files of a folder, from at most this many bytes each.
    private const int SummaryFileLimit = 200;
    private const int SummaryBytes = 4096;

    private readonly TuiShell _shell;
    private readonly Action<string> _onImport;
    private List<ImportEntry> _entries = [];
    private ListState _list;
    private TextInputState _path = TextInputState.Empty;
    private int _viewHeight = 10;

    public ImportFileScreen(TuiShell shell, string directory, Action<string> onImport)
    {
        ArgumentNullException.ThrowIfNull(shell);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(onImport);
        _shell = shell;
        _onImport = onImport;
        Directory = Path.GetFullPath(directory);

        // An unreadable start folder still shows the screen (empty, with the reason): the path field works.
        TryOpen(Directory, null);
    }

    /// <summary>The folder listed.</summary>
    public string Directory { get; private set; }

    /// <summary>The rows: "..", sub-folders, then report files.</summary>
    public IReadOnlyList<ImportEntry> Entries => _entries;

    public int Selected => _list.Selected;

    /// <summary>The text of the path field.</summary>
    public string PathText => _path.Text;

    public string Title => "导入报告文件";

    public bool IsOverlay => false;

    // The path field takes every printable key (q and ? included); F1 shows help.
    public bool CapturesText => true;

    public IReadOnlyList<KeyHint> StatusHints { get; } =
        [new KeyHint("Enter", "导入/打开"), new KeyHint("↑↓", "选择"), new KeyHint("Backspace", "上一级"), new KeyHint("Esc", "返回")];

    public IReadOnlyList<string> HelpText { get; } =
    [
        "选择要导入的年报文件（.docx、.html、.htm、.txt），导入后在编辑器中打开并显示检查结果。",
        "↑/↓ PgUp/PgDn  选择文件或文件夹",
        "Enter          导入所选文件；所选为文件夹时打开它",
        "Backspace      路径为空时回到上一级文件夹",
        "直接输入路径   输入文件路径后按 Enter 导入（相对路径先按当前文件夹，再按工作目录查找）",
        "Esc            返回主菜单",
    ];

    public Point? Cursor { get; private set; }

    /// <summary>
    /// Where the picker starts: $GOVREPORT_SEEDS, else the seed reports beside the repository
    /// (<c>../shared/fixtures/seeds</c> from the working directory or any folder above it or above the program),
    /// else the working directory.
    /// </summary>
    public static string DefaultDirectory(Func<string, string?>? environment = null, string? workingDirectory = null, string? programDirectory = null)
    {
        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)("GOVREPORT_SEEDS");
        if (!string.IsNullOrEmpty(fromEnvironment) && System.IO.Directory.Exists(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var cwd = workingDirectory ?? Environment.CurrentDirectory;
        foreach (var start in new[] { cwd, programDirectory ?? AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "seeds");
                if (System.IO.Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return Path.GetFullPath(cwd);
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        // Home/End belong to the path field.
        if (_list.TryNavigate(key.Key, _entries.Count, _viewHeight, out var moved, homeEnd: false))
        {
            _list = moved;
            return ScreenResult.Handled;
        }

        switch (key.Key)
        {
            case Key.Enter:
                Accept();
                return ScreenResult.Handled;
            case Key.Backspace when _path.Text.Length == 0:
                GoUp();
                return ScreenResult.Handled;
            case Key.Escape:
                return ScreenResult.Pop;
            default:
                break;
        }

        if (_path.TryApply(key, out var next))
        {
            _path = next;
            return ScreenResult.Handled;
        }

        return ScreenResult.Unhandled;
    }

    /// <summary>Enter: the typed path if there is one, else the selected row.</summary>
    private void Accept()
    {
        var typed = _path.Text.Trim();
        if (typed.Length > 0)
        {
            var resolved = Resolve(typed);
            if (resolved is null)
            {
                _shell.SetMessage($"找不到文件或文件夹：“{typed}”", error: true);
                return;
            }

            if (System.IO.Directory.Exists(resolved))
            {
                if (TryOpen(resolved, null))
                {
                    _path = TextInputState.Empty;
                }

                return;
            }

            Import(resolved);
            return;
        }

        if (_entries.Count == 0)
        {
            _shell.SetMessage("此文件夹中没有可导入的文件（.docx、.html、.htm、.txt）；可输入文件路径后按 Enter", error: true);
            return;
        }

        var entry = _entries[Math.Clamp(_list.Selected, 0, _entries.Count - 1)];
        switch (entry.Kind)
        {
            case ImportEntryKind.Parent:
                GoUp();
                break;
            case ImportEntryKind.Folder:
                TryOpen(entry.FullPath, null);
                break;
            default:
                Import(entry.FullPath);
                break;
        }
    }

    private void Import(string path)
    {
        _shell.Pop();
        _onImport(path);
    }

    private void GoUp()
    {
        var parent = System.IO.Directory.GetParent(Directory);
        if (parent is not null)
        {
            TryOpen(parent.FullName, Path.GetFileName(Directory.TrimEnd(Path.DirectorySeparatorChar)));
        }
    }

    // A rooted path (or ~/…) as typed; a relative one against the listed folder first, then the working directory.
    private string? Resolve(string typed)
    {
        if (typed == "~" || typed.StartsWith("~/", StringComparison.Ordinal))
        {
            typed = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), typed.Length > 2 ? typed[2..] : string.Empty);
        }

        string[] candidates = Path.IsPathRooted(typed) ? [typed] : [Path.Combine(Directory, typed), typed];
        foreach (var candidate in candidates)
        {
            var full = Path.GetFullPath(candidate);
            if (File.Exists(full) || System.IO.Directory.Exists(full))
            {
                return full;
            }
        }

        return null;
    }

    /// <summary>Lists <paramref name="directory"/>; on failure says why and keeps the current listing.</summary>
    private bool TryOpen(string directory, string? select)
    {
        List<ImportEntry> entries;
        try
        {
            entries = List(directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _shell.SetMessage(ex is UnauthorizedAccessException ? $"没有权限打开文件夹：{directory}" : $"无法打开文件夹：{directory}（{ex.Message}）", error: true);
            return false;
        }

        Directory = directory;
        _entries = entries;
        var index = select is null ? -1 : entries.FindIndex(e => e.Kind == ImportEntryKind.Folder && e.Name == select + "/");
        // Start on the first file when there is one: that is what a clerk came for.
        var first = entries.FindIndex(e => e.Kind == ImportEntryKind.File);
        _list = new ListState(index >= 0 ? index : Math.Max(0, first)).EnsureVisible(_viewHeight);
        return true;
    }

    private static List<ImportEntry> List(string directory)
    {
        var info = new DirectoryInfo(directory);
        var entries = new List<ImportEntry>();
        if (info.Parent is not null)
        {
            entries.Add(new ImportEntry("..", info.Parent.FullName, ImportEntryKind.Parent, "上一级文件夹"));
        }

        foreach (var folder in info.EnumerateDirectories().Where(d => !d.Name.StartsWith('.')).OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            entries.Add(new ImportEntry(folder.Name + "/", folder.FullName, ImportEntryKind.Folder, null));
        }

        var files = info.EnumerateFiles()
            .Where(f => Extensions.Contains(f.Extension, StringComparer.OrdinalIgnoreCase))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
        for (var i = 0; i < files.Count; i++)
        {
            entries.Add(new ImportEntry(files[i].Name, files[i].FullName, ImportEntryKind.File, i < SummaryFileLimit ? Summary(files[i]) : null));
        }

        return entries;
    }

    /// <summary>
    /// The agency and title lines of a text or HTML report (the first short line without 报告, and the first line with
    /// 年 and 报告), from its first few KB; null for .docx or when nothing fits.
    /// </summary>
    internal static string? Summary(FileInfo file)
    {
        if (file.Extension.Equals(".docx", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string head;
        try
        {
            using var stream = file.OpenRead();
            var bytes = new byte[SummaryBytes];
            var read = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            head = Encoding.UTF8.GetString(bytes, 0, read);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        if (!file.Extension.Equals(".txt", StringComparison.OrdinalIgnoreCase))
        {
            head = Tags().Replace(head, "\n").Replace("&nbsp;", " ", StringComparison.Ordinal);
        }

        string? agency = null;
        string? title = null;
        foreach (var raw in head.Split('\n').Take(12))
        {
            var line = raw.Trim().Trim('\uFEFF');
            if (line.Length == 0 || line.Contains('\uFFFD', StringComparison.Ordinal))
            {
                continue;
            }

            if (title is null && line.Contains('年', StringComparison.Ordinal) && line.Contains("报告", StringComparison.Ordinal) && line.Length <= 40)
            {
                title = line;
                break;
            }

            if (agency is null && line.Length <= 30 && !line.Contains("报告", StringComparison.Ordinal))
            {
                agency = line;
            }
        }

        return title is null ? agency : agency is null ? title : agency + " " + title;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        var title = area.SplitTop(1, out var rest);
        Chrome.TitleBar(buffer, title, theme, "导入报告文件", _shell.Session?.DisplayName);
        Cursor = null;
        if (rest.Height < 5)
        {
            return;
        }

        var folderRow = rest.SplitTop(1, out rest);
        Label.Draw(buffer, folderRow, " 文件夹：" + Directory, theme.Header);
        var bottom = rest.SplitBottom(2, out var middle);
        var inner = Chrome.Panel(buffer, middle, theme, $"可导入的文件（{_entries.Count(e => e.Kind == ImportEntryKind.File)} 个）", focused: _path.Text.Length == 0);
        _viewHeight = Math.Max(1, inner.Height);
        if (!inner.IsEmpty && _entries.Count > 0)
        {
            ListView.Draw(buffer, inner, Rows(buffer, inner.Width), _list, theme);
        }

        if (inner.Height > _entries.Count && !_entries.Any(e => e.Kind == ImportEntryKind.File))
        {
            Label.Draw(buffer, new Rect(inner.X, inner.Y + _entries.Count, inner.Width, 1), " 此文件夹中没有 .docx、.html、.htm 或 .txt 文件", theme.Dim);
        }

        var pathRow = new Rect(bottom.X, bottom.Y, bottom.Width, 1);
        const string label = " 路径：";
        var labelWidth = buffer.Measure(label);
        Label.Draw(buffer, pathRow, label, theme.Normal);
        Cursor = TextInput.Draw(buffer, new Rect(pathRow.X + labelWidth, pathRow.Y, Math.Max(0, pathRow.Width - labelWidth - 1), 1), _path, theme.Input);
        Label.Draw(buffer, new Rect(bottom.X, bottom.Y + 1, bottom.Width, 1), " 选中文件按 Enter 导入；也可输入文件路径后按 Enter", theme.Dim);
    }

    // Name column as wide as the longest name (capped), then the summary.
    private List<string> Rows(ScreenBuffer buffer, int width)
    {
        var nameWidth = Math.Min(Math.Max(12, width / 2), _entries.Max(e => buffer.Measure(e.Name)));
        var rows = new List<string>(_entries.Count);
        foreach (var entry in _entries)
        {
            var name = buffer.Truncate(entry.Name, nameWidth);
            var padded = name + new string(' ', nameWidth - buffer.Measure(name));
            rows.Add(entry.Summary is null ? padded : padded + "  " + entry.Summary);
        }

        return rows;
    }
}

/// <summary>What a row of the import picker is.</summary>
public enum ImportEntryKind
{
    Parent,
    Folder,
    File,
}

/// <summary>One row of the import picker: name as shown, full path, kind, and for a report its agency/title line.</summary>
public sealed record ImportEntry(string Name, string FullPath, ImportEntryKind Kind, string? Summary);
