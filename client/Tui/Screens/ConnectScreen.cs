using GovReport.Client.Tui.Internal;
using GovReport.Terminal;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// Connect: the embedded local server (the default when no server is given) or a remote server URL and token.
/// </summary>
public sealed class ConnectScreen : IScreen
{
    private static readonly string[] Modes = ["本机内置服务（本地数据，无需另行启动服务器）", "远程服务器"];

    private static readonly KeyHint[] FormHints =
        [new KeyHint("Enter", "连接"), new KeyHint("↑↓", "选择"), new KeyHint("Tab", "下一项"), new KeyHint("Esc", "退出")];

    private static readonly KeyHint[] ConnectingHints = [new KeyHint("q/Esc", "退出")];

    private readonly TuiShell _shell;
    private TextInputState _url;
    private TextInputState _token;
    private Task? _attempt;
    private ClientSession? _unclaimed;

    public ConnectScreen(TuiShell shell)
    {
        ArgumentNullException.ThrowIfNull(shell);
        _shell = shell;
        Remote = !string.IsNullOrEmpty(shell.Options.ServerUrl);
        _url = TextInputState.Of(shell.Options.ServerUrl ?? "http://127.0.0.1:5080");
        _token = TextInputState.Of(shell.Options.Token ?? string.Empty);
    }

    /// <summary>0 = mode, 1 = URL, 2 = token.</summary>
    public int Focus { get; private set; }

    public bool Remote { get; private set; }

    public bool Connecting { get; private set; }

    public string Title => "连接";

    public bool IsOverlay => false;

    public bool CapturesText => Focus > 0;

    // While connecting only leaving does anything.
    public IReadOnlyList<KeyHint> StatusHints => Connecting ? ConnectingHints : FormHints;

    public IReadOnlyList<string> HelpText { get; } =
    [
        "选择本机内置服务（默认）或远程服务器，按 Enter 连接。",
        "↑/↓        在“本机内置服务”和“远程服务器”之间选择",
        "Tab/Shift+Tab  在选项、服务器地址和令牌之间移动",
        "Enter      连接",
        "远程服务器：地址如 http://主机:5080，令牌以 Bearer 方式发送。",
    ];

    public Point? Cursor { get; private set; }

    /// <summary>
    /// Called before the first frame: connects at once (in the background) when the launch options ask for it, so that
    /// frame already shows the "starting" state.
    /// </summary>
    public void Start()
    {
        if (_shell.Options.ConnectImmediately || !string.IsNullOrEmpty(_shell.Options.ServerUrl))
        {
            Connect();
        }
    }

    public ScreenResult HandleKey(KeyEvent key)
    {
        if (Connecting)
        {
            // Only leaving works meanwhile: Esc or q (Ctrl+C is the shell's).
            return key.Key == Key.Escape || (key.IsPrintable && key.Rune.Value == 'q') ? ScreenResult.Quit : ScreenResult.Handled;
        }

        switch (key.Key)
        {
            case Key.Enter:
                Connect();
                return ScreenResult.Handled;
            case Key.Tab:
                var count = Remote ? 3 : 1;
                Focus = (Focus + (key.HasModifier(KeyModifiers.Shift) ? count - 1 : 1)) % count;
                return ScreenResult.Handled;
            case Key.Up when Focus == 0:
                Remote = false;
                return ScreenResult.Handled;
            case Key.Down when Focus == 0:
                Remote = true;
                return ScreenResult.Handled;
            case Key.Up:
                Focus--;
                return ScreenResult.Handled;
            case Key.Down:
                Focus = Math.Min(2, Focus + 1);
                return ScreenResult.Handled;
            case Key.Escape:
                return ScreenResult.Unhandled;
            default:
                break;
        }

        if (Focus == 1 && _url.TryApply(key, out var url))
        {
            _url = url;
            return ScreenResult.Handled;
        }

        if (Focus == 2 && _token.TryApply(key, out var token))
        {
            _token = token;
            return ScreenResult.Handled;
        }

        return ScreenResult.Unhandled;
    }

    /// <summary>Starts connecting with the current choice; the home screen replaces this one on success.</summary>
    public void Connect()
    {
        Connecting = true;
        var remote = Remote;
        var url = _url.Text.Trim();
        var token = _token.Text;
        var dataDirectory = _shell.Options.DataDirectory;
        _shell.SetMessage(remote ? $"正在连接 {url} …" : "正在启动本机内置服务…");
        var attempt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _attempt = attempt.Task;
        _shell.Run(
            async ct =>
            {
                try
                {
                    var session = remote
                        ? await ClientSession.ConnectAsync(url, token, ct).ConfigureAwait(false)
                        : await ClientSession.StartEmbeddedAsync(dataDirectory, ct).ConfigureAwait(false);

                    // Not adopted yet: if the client quits before the loop applies this, ShutdownAsync closes it.
                    Volatile.Write(ref _unclaimed, session);
                    return session;
                }
                finally
                {
                    attempt.TrySetResult();
                }
            },
            session =>
            {
                if (Interlocked.Exchange(ref _unclaimed, null) is null)
                {
                    return;
                }

                Connecting = false;
                _ = _shell.SetSessionAsync(session);
                _shell.SetMessage($"已连接：{session.DisplayName}");
                var home = new HomeScreen(_shell);
                _shell.Replace(home);
                if (!string.IsNullOrEmpty(_shell.Options.ImportFile))
                {
                    home.Import(_shell.Options.ImportFile);
                }
            },
            ex =>
            {
                Connecting = false;
                _shell.ShowError(ex);
            });
    }

    /// <summary>
    /// After the loop has ended and the shell is disposed (its work cancelled): waits up to <paramref name="timeout"/>
    /// for a connection attempt still in flight, and closes a session that was made but never adopted.
    /// </summary>
    public async Task ShutdownAsync(TimeSpan timeout)
    {
        if (_attempt is { } attempt)
        {
            try
            {
                await attempt.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // The process ends anyway; SQLite keeps the database consistent.
            }
        }

        if (Interlocked.Exchange(ref _unclaimed, null) is { } session)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Draw(ScreenBuffer buffer, Rect area)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var theme = _shell.Theme;
        var title = area.SplitTop(1, out var rest);
        Chrome.TitleBar(buffer, title, theme, "连接服务器", null);
        var box = rest.Center(Math.Min(rest.Width - 2, 72), Math.Min(rest.Height, 12));
        var inner = Chrome.Panel(buffer, box, theme, "连接", focused: true);
        if (inner.Height < 3)
        {
            Cursor = null;
            return;
        }

        if (Connecting && !Remote)
        {
            DrawStarting(buffer, inner, theme);
            return;
        }

        var y = inner.Y;
        for (var i = 0; i < Modes.Length; i++)
        {
            var chosen = (i == 1) == Remote;
            var style = chosen && Focus == 0 ? theme.Selected : chosen ? theme.Header : theme.Normal;
            Label.Draw(buffer, new Rect(inner.X, y++, inner.Width, 1), (chosen ? "(•) " : "( ) ") + Modes[i], style);
        }

        y++;
        Cursor = null;
        var labelWidth = 12;
        var fieldStyle = Remote ? theme.Input : theme.Dim;
        Label.Draw(buffer, new Rect(inner.X, y, labelWidth, 1), "服务器地址", Remote ? theme.Normal : theme.Dim);
        var urlPos = TextInput.Draw(buffer, new Rect(inner.X + labelWidth, y++, inner.Width - labelWidth, 1), _url, fieldStyle);
        y++;
        Label.Draw(buffer, new Rect(inner.X, y, labelWidth, 1), "访问令牌", Remote ? theme.Normal : theme.Dim);
        var masked = new TextInputState(new string('*', _token.Text.Length), Math.Min(_token.Cursor, _token.Text.Length));
        var tokenPos = TextInput.Draw(buffer, new Rect(inner.X + labelWidth, y++, inner.Width - labelWidth, 1), masked, fieldStyle);
        Cursor = Focus switch
        {
            1 => urlPos,
            2 => tokenPos,
            _ => null,
        };
        y++;
        if (y < inner.Bottom)
        {
            var hint = Connecting ? "正在连接，请稍候…" : "按 Enter 连接；未指定服务器时默认使用本机内置服务。";
            Label.Draw(buffer, new Rect(inner.X, y, inner.Width, 1), hint, theme.Dim);
        }
    }

    // The first frame of a plain `govreport`: drawn before the embedded server has started.
    private void DrawStarting(ScreenBuffer buffer, Rect inner, Theme theme)
    {
        Cursor = null;
        var dataDirectory = _shell.Options.DataDirectory is { } dir ? Path.GetFullPath(dir) : "临时目录（退出后删除）";
        string[] lines =
        [
            "正在启动本机内置服务…",
            string.Empty,
            "数据目录：" + dataDirectory,
            "首次启动会创建本地数据库和管理员，稍候即进入主菜单。",
            string.Empty,
            "q、Esc 或 Ctrl+C 退出",
        ];
        for (var i = 0; i < lines.Length && i < inner.Height; i++)
        {
            Label.Draw(buffer, new Rect(inner.X, inner.Y + i, inner.Width, 1), lines[i], i == 0 ? theme.Header : theme.Dim);
        }
    }
}
