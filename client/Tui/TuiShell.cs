using System.Threading.Channels;
using GovReport.Client.Tui.Internal;
using GovReport.Client.Tui.Screens;
using GovReport.Terminal;

namespace GovReport.Client.Tui;

/// <summary>
/// The application state of the full-screen client, without a terminal: the screen stack, the session, the message
/// line and async work. Everything runs on one loop: keys come in through <see cref="HandleKey"/>, async results are
/// posted to <see cref="Inbox"/> and applied by the loop (<see cref="TuiApp"/>) or by <see cref="SettleAsync"/> in tests.
/// No static state: tests run many shells in parallel.
/// </summary>
public sealed class TuiShell : IAsyncDisposable
{
    private readonly List<IScreen> _screens = [];
    private readonly Channel<Action> _inbox = Channel.CreateUnbounded<Action>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Func<string, CancellationToken, Task<string?>>? _editText;
    private int _pending;
    private ChoiceScreen? _quitQuestion;
    private EditorScreen? _savingToQuit;

    public TuiShell(TuiLaunchOptions options, Func<string, CancellationToken, Task<string?>>? editText = null, Theme? theme = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _editText = editText;
        Theme = theme ?? Theme.Default;
    }

    public TuiLaunchOptions Options { get; }

    public Theme Theme { get; }

    /// <summary>The connection, once the connect screen has made one.</summary>
    public ClientSession? Session { get; private set; }

    public IReadOnlyList<IScreen> Screens => _screens;

    public IScreen? Top => _screens.Count == 0 ? null : _screens[^1];

    /// <summary>The message line: the last result or error, in Chinese.</summary>
    public string? Message { get; private set; }

    public bool MessageIsError { get; private set; }

    public bool QuitRequested { get; private set; }

    /// <summary>Async operations started and not yet applied.</summary>
    public int PendingCount => Volatile.Read(ref _pending);

    /// <summary>Callbacks of finished async work, to run on the UI loop.</summary>
    public ChannelReader<Action> Inbox => _inbox.Reader;

    /// <summary>Set when the shell is disposed; async work should observe it.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void SetMessage(string? text, bool error = false)
    {
        Message = text;
        MessageIsError = error;
    }

    public void ShowError(Exception exception) => SetMessage(ErrorText.Describe(exception), error: true);

    public void Push(IScreen screen)
    {
        ArgumentNullException.ThrowIfNull(screen);
        _screens.Add(screen);
    }

    public void Pop()
    {
        if (_screens.Count > 0)
        {
            _screens.RemoveAt(_screens.Count - 1);
        }

        if (_screens.Count == 0)
        {
            QuitRequested = true;
        }
    }

    public void Replace(IScreen screen)
    {
        if (_screens.Count > 0)
        {
            _screens.RemoveAt(_screens.Count - 1);
        }

        Push(screen);
    }

    public void Quit() => QuitRequested = true;

    /// <summary>
    /// Ctrl+C: quits at once unless an open editor has unsaved changes; then asks as leaving the editor does (save and
    /// quit, discard and quit, keep editing). A Ctrl+C while that question is shown, or while its save is on its way,
    /// quits without saving, so there is always a way out.
    /// </summary>
    public void RequestQuit()
    {
        if ((_quitQuestion is not null && _screens.Contains(_quitQuestion)) || _savingToQuit is { Saving: true })
        {
            Quit();
            return;
        }

        _quitQuestion = null;
        _savingToQuit = null;

        // The topmost editor first; after its save, the next Ctrl+C-like check asks about the one below, if any.
        for (var i = _screens.Count - 1; i >= 0; i--)
        {
            if (_screens[i] is not EditorScreen editor)
            {
                continue;
            }

            var question = editor.QuitQuestion(() =>
            {
                _savingToQuit = editor;
                editor.Save(RequestQuit);
            });
            if (question is not null)
            {
                _quitQuestion = question;
                Push(question);
                return;
            }
        }

        Quit();
    }

    /// <summary>Adopts a new session (the previous one is closed).</summary>
    public async Task SetSessionAsync(ClientSession session)
    {
        var previous = Session;
        Session = session;
        if (previous is not null && !ReferenceEquals(previous, session))
        {
            await previous.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The session, or a Chinese error if there is none yet.</summary>
    public ClientSession RequireSession() => Session ?? throw new TuiException("尚未连接服务器");

    /// <summary>
    /// Runs <paramref name="work"/> off the UI loop; its result (or failure, shown in the message line unless
    /// <paramref name="onError"/> is given) is applied on the loop, so input is never blocked by a call.
    /// </summary>
    public void Run<T>(Func<CancellationToken, Task<T>> work, Action<T> onSuccess, Action<Exception>? onError = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(onSuccess);
        Interlocked.Increment(ref _pending);
        var token = _stopping.Token;
        _ = Task.Run(async () =>
        {
            Action completion;
            try
            {
                var result = await work(token).ConfigureAwait(false);
                completion = () => onSuccess(result);
            }
            catch (Exception ex) when (!token.IsCancellationRequested)
            {
                completion = onError is null ? () => ShowError(ex) : () => onError(ex);
            }
            catch (OperationCanceledException)
            {
                completion = static () => { };
            }

            _inbox.Writer.TryWrite(() =>
            {
                Interlocked.Decrement(ref _pending);
                completion();
            });
        }, CancellationToken.None);
    }

    /// <summary>Hands text to $EDITOR (through the terminal host); null when there is no terminal or the editor failed.</summary>
    public Task<string?> EditTextAsync(string text, CancellationToken cancellationToken) =>
        _editText is null ? Task.FromResult<string?>(null) : _editText(text, cancellationToken);

    /// <summary>Posts an action to the UI loop (used by the terminal pump).</summary>
    public void Post(Action action) => _inbox.Writer.TryWrite(action);

    /// <summary>Applies callbacks until no async work is outstanding (tests and scripted runs).</summary>
    public async Task SettleAsync(CancellationToken cancellationToken = default)
    {
        while (PendingCount > 0)
        {
            var action = await _inbox.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            action();
        }

        while (_inbox.Reader.TryRead(out var extra))
        {
            extra();
        }
    }

    /// <summary>Feeds one key: global keys first (Ctrl+C, see <see cref="RequestQuit"/>; F1), then the top screen, then Esc/q/?.</summary>
    public void HandleKey(KeyEvent key)
    {
        var top = Top;
        if (top is null)
        {
            Quit();
            return;
        }

        if (key.IsCtrl('c'))
        {
            RequestQuit();
            return;
        }

        if (key.Key == Key.F1 || (!top.CapturesText && key.IsPrintable && key.Rune.Value == '?'))
        {
            if (top is not HelpScreen)
            {
                Push(new HelpScreen(this, top));
            }

            return;
        }

        var result = top.HandleKey(key);
        switch (result.Action)
        {
            case ScreenAction.Push:
                Push(result.Screen!);
                break;
            case ScreenAction.Replace:
                Replace(result.Screen!);
                break;
            case ScreenAction.Pop:
                Pop();
                break;
            case ScreenAction.Quit:
                Quit();
                break;
            case ScreenAction.Unhandled when key.Key == Key.Escape:
                Pop();
                break;
            case ScreenAction.Unhandled when !top.CapturesText && key.IsPrintable && key.Rune.Value == 'q':
                Quit();
                break;
            default:
                break;
        }
    }

    /// <summary>Draws the whole frame: screens (overlays over the screen below), message line and status bar.</summary>
    public Point? Draw(ScreenBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        buffer.Clear();
        var area = buffer.Area;
        if (area.Height < 3 || area.Width < 10)
        {
            buffer.SetString(0, 0, "窗口太小", Theme.Normal);
            return null;
        }

        var status = area.SplitBottom(1, out var rest);
        var messageLine = rest.SplitBottom(1, out var body);
        var first = _screens.Count - 1;
        while (first > 0 && _screens[first].IsOverlay)
        {
            first--;
        }

        for (var i = Math.Max(0, first); i < _screens.Count; i++)
        {
            _screens[i].Draw(buffer, body);
        }

        var top = Top;
        var busy = PendingCount > 0 ? "处理中…" : null;
        var message = Message is null ? busy : busy is null ? Message : Message + "  " + busy;
        Label.Draw(buffer, messageLine, message ?? string.Empty, MessageIsError ? Theme.Finding : Theme.Normal);
        var hints = new List<KeyHint>();
        if (top is not null)
        {
            hints.AddRange(top.StatusHints);
            if (top is not HelpScreen)
            {
                hints.Add(new KeyHint(top.CapturesText ? "F1" : "?", "帮助"));
            }
        }

        hints.Add(new KeyHint("^C", "退出"));
        StatusBar.Draw(buffer, status, hints, null, Theme);
        return top?.Cursor;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (Session is not null)
        {
            await Session.DisposeAsync().ConfigureAwait(false);
            Session = null;
        }

        _stopping.Dispose();
    }
}
