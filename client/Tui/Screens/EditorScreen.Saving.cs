using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using GovReport.Api.V1;
using GovReport.Client.Tui.Internal;
using GovReport.Grpc;
using RpcStatusCode = GovReport.Grpc.StatusCode;

namespace GovReport.Client.Tui.Screens;

/// <summary>
/// Saving and submitting: CreateReport on the first save (into the clerk's own agency, or one the administrator
/// picks or creates), UpdateReport with the etag and a field mask of what changed afterwards, the conflict dialog on
/// a stale etag, and SubmitReport with the warnings' justifications.
/// </summary>
public sealed partial class EditorScreen
{
    private bool _saving;

    /// <summary>True while a save or submit is on its way.</summary>
    public bool Saving => _saving;

    /// <summary>Stable keys of the findings that blocked the last submission.</summary>
    public IReadOnlyList<string> LastRefusal { get; private set; } = [];

    /// <summary>
    /// Stores the draft: CreateReport when it has no resource name yet, else UpdateReport of the changed fields.
    /// <paramref name="then"/> runs after a successful save (also when there was nothing to save).
    /// </summary>
    public void Save(Action? then = null)
    {
        if (RefuseWhenReadOnly())
        {
            return;
        }

        SaveNarrative();
        if (_saving)
        {
            _shell.SetMessage("正在保存，请稍候", error: true);
            return;
        }

        if (!_draft.IsStored)
        {
            ChooseAgency(parent => Create(parent, then));
            return;
        }

        var paths = _draft.ChangedPaths();
        if (paths.Count == 0)
        {
            _shell.SetMessage($"没有需要保存的修改（第 {_draft.Revision} 版）");
            then?.Invoke();
            return;
        }

        var request = _draft.ToUpdateRequest();
        var session = _shell.RequireSession();
        StartSave(ct => session.UpdateReportAsync(request, ct), then);
    }

    /// <summary>Saves first when needed, then SubmitReport with the justifications written for warnings.</summary>
    public void Submit()
    {
        if (RefuseWhenReadOnly())
        {
            return;
        }

        SaveNarrative();
        if (_saving)
        {
            _shell.SetMessage("正在保存，请稍候", error: true);
            return;
        }

        if (!_draft.IsStored || _draft.Modified)
        {
            Save(SubmitStored);
            return;
        }

        SubmitStored();
    }

    private void Create(string parent, Action? then)
    {
        var session = _shell.RequireSession();
        var request = new CreateReportRequest { Parent = parent, Report = _draft.ToReport() };
        StartSave(ct => session.CreateReportAsync(request, ct), then);
    }

    private void StartSave(Func<CancellationToken, Task<Report>> call, Action? then)
    {
        _saving = true;
        var version = _draft.Version;
        _shell.SetMessage("正在保存…");
        _shell.Run(call, stored =>
        {
            _saving = false;
            Adopt(stored, version);
            _shell.SetMessage($"已保存（第 {stored.Revision} 版）");
            _onStored?.Invoke(stored);
            then?.Invoke();
        }, ex =>
        {
            _saving = false;
            if (ex is RpcException { StatusCode: RpcStatusCode.Aborted })
            {
                ShowConflict(then);
            }
            else
            {
                _shell.ShowError(ex);
            }
        });
    }

    /// <summary>Takes the stored report as the new base; edits typed while the call was on its way stay as changes.</summary>
    private void Adopt(Report stored, int versionAtRequest)
    {
        SaveNarrative();
        if (_draft.Version == versionAtRequest)
        {
            _draft.Load(stored);
        }
        else
        {
            _draft.Rebase(stored);
        }

        SyncNarratives();
        RefreshStoredValidation();
    }

    /// <summary>GetReportValidation: the stored report's findings, with the rules against last year's report.</summary>
    private void RefreshStoredValidation()
    {
        var session = _shell.Session;
        if (session is null || !_draft.IsStored)
        {
            return;
        }

        var name = _draft.Name;
        var sequence = ++_validationSequence;
        _shell.Run(ct => session.GetReportValidationAsync(name, ct), result =>
        {
            if (sequence == _validationSequence)
            {
                ApplyValidation(result);
            }
        });
    }

    private void SubmitStored()
    {
        var request = new SubmitReportRequest { Name = _draft.Name, Etag = _draft.Etag };
        request.Justifications.AddRange(_justifications.Select(j => new Justification { FindingKey = j.Key, Text = j.Value }));
        var session = _shell.RequireSession();
        _saving = true;
        _shell.SetMessage("正在提交…");
        _shell.Run(ct => session.SubmitReportAsync(request, ct), stored =>
        {
            _saving = false;
            _draft.Load(stored);
            SyncNarratives();
            EditBuffer = null;
            RefreshStoredValidation();
            _shell.SetMessage($"已提交审核（第 {stored.Revision} 版）：报告现为只读，等待审核");
            _onStored?.Invoke(stored);
        }, ex =>
        {
            _saving = false;
            switch (ex)
            {
                case RpcException { StatusCode: RpcStatusCode.Aborted }:
                    ShowConflict(SubmitStored);
                    break;
                case RpcException { StatusCode: RpcStatusCode.FailedPrecondition } rpc when rpc.GetDetail<PreconditionFailure>() is { } failure
                    && failure.Violations.Any(v => v.Type.StartsWith("FINDING_", StringComparison.Ordinal)):
                    ShowRefusal(rpc, failure);
                    break;
                default:
                    _shell.ShowError(ex);
                    break;
            }
        });
    }

    /// <summary>The findings that block a submission, as a list to jump from.</summary>
    private void ShowRefusal(RpcException rpc, PreconditionFailure failure)
    {
        var blocking = failure.Violations.Where(v => v.Type.StartsWith("FINDING_", StringComparison.Ordinal)).ToList();
        var explanation = new List<string>();
        explanation.AddRange(failure.Violations.Where(v => v.Type == "STATE").Select(v => v.Description));
        if (explanation.Count == 0)
        {
            explanation.Add(rpc.Status.Detail);
        }

        explanation.Add("Enter 定位到单元格；警告在问题面板（F6）中按 j 填写说明后再提交（F9）。");
        var choices = blocking
            .Select(v => new Choice((v.Type == "FINDING_OPEN" ? "错误 " : "警告（未说明）") + v.Description, () => JumpToFindingKey(v.Subject)))
            .ToList();
        LastRefusal = blocking.Select(v => v.Subject).ToList();
        _shell.SetMessage($"{rpc.Status.Detail}（需处理 {blocking.Count} 项，见列表）", error: true);
        _shell.Push(new ChoiceScreen(_shell, "不能提交", explanation, choices));
    }

    /// <summary>Selects the finding with this stable key ("V03:applications.results_total.natural_person") and jumps to its cell.</summary>
    public bool JumpToFindingKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var index = _findings.FindIndex(f => StableKey(f) == key);
        if (index >= 0)
        {
            _findingList = _findingList.Move(index - _findingList.Selected, _findings.Count, _findingViewHeight);
            return JumpToFinding();
        }

        // The key is "rule:address" (or "rule:message" for findings without a cell).
        var separator = key.IndexOf(':', StringComparison.Ordinal);
        if (separator > 0 && JumpTo(key[(separator + 1)..]))
        {
            return true;
        }

        _shell.SetMessage($"找不到问题 {key} 对应的单元格，请按 F5 重新校验", error: true);
        return false;
    }

    /// <summary>Fetches the server's version and asks: reload it, overwrite it with my changes, or cancel.</summary>
    private void ShowConflict(Action? then)
    {
        var session = _shell.RequireSession();
        var name = _draft.Name;
        _shell.SetMessage("保存冲突：正在读取服务器上的版本…", error: true);
        _shell.Run(
            async ct =>
            {
                var server = await session.GetReportAsync(name, ct).ConfigureAwait(false);
                var events = await session.ListReportEventsAsync(name, ct).ConfigureAwait(false);
                var me = await session.GetCurrentUserAsync(ct).ConfigureAwait(false);
                // The newest content save's author, by the name the server gives every reader ("users/{id}" without one).
                var last = events.Events.LastOrDefault(e => e.Action is "created" or "updated");
                var author = last is null ? null
                    : last.Actor == me.Name || string.IsNullOrWhiteSpace(last.ActorDisplayName) ? last.Actor : last.ActorDisplayName;
                return (server, author, me: me.Name);
            },
            loaded =>
            {
                var explanation = ConflictText.Describe(_draft, loaded.server, loaded.author, loaded.me, _shell.Options.Clock.LocalTimeZone);
                _shell.SetMessage($"保存冲突：服务器上已是第 {loaded.server.Revision} 版", error: true);
                _shell.Push(new ChoiceScreen(_shell, "保存冲突", explanation,
                [
                    new Choice("重新载入服务器版本（放弃我的修改）", () => Reload(loaded.server)),
                    new Choice("覆盖：在服务器版本上重新应用我的修改并保存", () => Overwrite(loaded.server, then)),
                    new Choice("取消（保留我的修改，暂不保存）", () => _shell.SetMessage("未保存：您的修改仍在本窗口中，可再次保存（Ctrl+S）")),
                ], () => _shell.SetMessage("未保存：您的修改仍在本窗口中，可再次保存（Ctrl+S）")));
            });
    }

    private void Reload(Report server)
    {
        Load(server, null);
        RefreshStoredValidation();
        _shell.SetMessage($"已载入服务器上的第 {server.Revision} 版，您的修改已放弃");
        _onStored?.Invoke(server);
    }

    private void Overwrite(Report server, Action? then)
    {
        SaveNarrative();
        _draft.Rebase(server);
        SyncNarratives();
        if (ReadOnly)
        {
            _shell.SetMessage("服务器上的报告已" + ConflictText.StateText(server.State) + "，不能覆盖：" + ReadOnlyReason, error: true);
            return;
        }

        Save(then);
    }

    /// <summary>
    /// The agency a first save goes into: a clerk's own; for others the agency named like the report, else one they
    /// pick from the list or (administrators) create named after the report's 机关名称.
    /// </summary>
    private void ChooseAgency(Action<string> useParent)
    {
        var session = _shell.RequireSession();
        _shell.SetMessage("正在确定保存到的机关…");
        _shell.Run(
            async ct =>
            {
                var user = await session.GetCurrentUserAsync(ct).ConfigureAwait(false);
                var agencies = await session.ListAllAgenciesAsync(string.Empty, ct).ConfigureAwait(false);
                return (user, agencies);
            },
            loaded =>
            {
                if (loaded.user.Role == Role.Clerk)
                {
                    useParent(loaded.user.Agency);
                    return;
                }

                var name = _draft.AgencyName;
                var fitting = loaded.agencies.Where(a => a.DisplayName == name).ToList();
                if (fitting.Count == 1)
                {
                    useParent(fitting[0].Name);
                    return;
                }

                _shell.SetMessage(null);
                _shell.Push(AgencyDialog(loaded.user, loaded.agencies, useParent));
            });
    }

    private ChoiceScreen AgencyDialog(User user, IReadOnlyList<Agency> agencies, Action<string> useParent)
    {
        var kind = _draft.Base.AgencyKind == AgencyKind.Unspecified ? AgencyKind.Department : _draft.Base.AgencyKind;
        var named = IsPlaceholderName(_draft.AgencyName) ? string.Empty : _draft.AgencyName;
        var choices = new List<Choice>();
        if (user.Role == Role.Admin)
        {
            var label = named.Length == 0 ? "新建机关…（输入名称）" : $"新建机关“{named}”（{KindText(kind)}）…";
            choices.Add(new Choice(label, () => _shell.Push(new PromptScreen(_shell, "新建机关",
                $"机关名称（{KindText(kind)}，隶属 {Describe(agencies, user.Agency)}）：", named, text => CreateAgency(user.Agency, text, kind, useParent)))));
        }

        choices.AddRange(agencies.Select(a => new Choice(new string(' ', 2 * a.Depth) + a.DisplayName + "（" + KindText(a.Kind) + "）", () => useParent(a.Name))));
        var explanation = new List<string>
        {
            named.Length == 0
                ? "报告还没有机关名称，也没有保存过。请选择保存到哪个机关（每个机关每年度一份报告）："
                : $"没有名为“{named}”的机关。请选择保存到哪个机关（每个机关每年度一份报告）：",
        };
        return new ChoiceScreen(_shell, "保存到机关", explanation, choices, () => _shell.SetMessage("未保存：没有选择机关"));
    }

    private void CreateAgency(string parent, string name, AgencyKind kind, Action<string> useParent)
    {
        if (name.Length == 0)
        {
            _shell.SetMessage("未保存：机关名称不能为空", error: true);
            return;
        }

        var session = _shell.RequireSession();
        _shell.Run(ct => session.CreateAgencyAsync(parent, new Agency { DisplayName = name, Kind = kind }, ct), agency =>
        {
            _shell.SetMessage($"已新建机关“{agency.DisplayName}”");
            useParent(agency.Name);
        });
    }

    private static bool IsPlaceholderName(string name) => string.IsNullOrWhiteSpace(name) || name == UnnamedAgency;

    private static string Describe(IReadOnlyList<Agency> agencies, string name) => agencies.FirstOrDefault(a => a.Name == name)?.DisplayName ?? name;

    private static string KindText(AgencyKind kind) => kind switch
    {
        AgencyKind.Government => "人民政府",
        AgencyKind.Township => "乡镇街道",
        _ => "政府部门",
    };
}
