using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;
using GovReport.Grpc;

namespace GovReport.Client.Cli.Commands;

/// <summary>
/// Report subcommands: import, list, show, submit, approve, return, reopen, history. Workflow commands read the
/// report's current etag first unless --etag is given (then a concurrent change is refused as ABORTED).
/// </summary>
internal static class ReportCommands
{
    private const string Service = "/govreport.v1.ReportService/";
    private const string ImportMethod = "/govreport.v1.ValidationService/ImportReport";

    public static IEnumerable<Command> Create(CommandFactory factory) =>
    [
        Import(factory),
        List(factory),
        Show(factory),
        Submit(factory),
        Approve(factory),
        Return(factory),
        Reopen(factory),
        History(factory),
    ];

    private static Command Import(CommandFactory factory)
    {
        var file = new Argument<string>("FILE") { Description = "年度报告文件（.docx、.html 或扁平文本 .txt）" };
        var agency = new Option<string>("--agency") { HelpName = "AGENCY", Description = "报告所属机关，如 agencies/3", Required = true };
        var year = new Option<int?>("--year") { HelpName = "YEAR", Description = "报告年度；不指定时取文件中的年度" };
        var command = new Command("import", "导入报告文件并保存为该机关该年度的报告（不存在则新建，已存在则更新）") { file, agency, year };
        return factory.Bind(command, "import", async (context, parse, cancellationToken) =>
        {
            var path = parse.GetValue(file)!;
            var agencyName = CliFormat.AgencyName(parse.GetValue(agency)!);
            var requestedYear = parse.GetValue(year);
            if (requestedYear is < 1990 or > 2200)
            {
                throw new CliUsageException($"年度“{requestedYear}”无效。");
            }

            byte[] content;
            try
            {
                content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw new CliUsageException($"无法读取文件“{path}”：{ex.Message}", ex);
            }

            var imported = await context.CallAsync<ImportReportRequest, ImportReportResponse>(ImportMethod, new ImportReportRequest
            {
                Content = ByteString.CopyFrom(content),
                FileName = Path.GetFileName(path),
                ReportYear = requestedYear ?? 0,
            }, cancellationToken).ConfigureAwait(false);

            var report = imported.Report ?? new Report();
            if (requestedYear is { } y)
            {
                report.ReportYear = y;
            }

            if (report.ReportYear == 0)
            {
                throw new CliUsageException($"无法从“{path}”确定报告年度，请用 --year 指定。");
            }

            var name = string.Create(CultureInfo.InvariantCulture, $"{agencyName}/reports/{report.ReportYear}");
            Report? existing = null;
            try
            {
                existing = await GetAsync(context, name, cancellationToken).ConfigureAwait(false);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.NotFound)
            {
            }

            Report stored;
            if (existing is null)
            {
                stored = await context.CallAsync<CreateReportRequest, Report>(Service + "CreateReport",
                    new CreateReportRequest { Parent = agencyName, Report = report }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                report.Name = name;
                report.Etag = existing.Etag;
                stored = await context.CallAsync<UpdateReportRequest, Report>(Service + "UpdateReport",
                    new UpdateReportRequest { Report = report }, cancellationToken).ConfigureAwait(false);
            }

            if (context.Json)
            {
                context.WriteJson(stored);
                return ExitCodes.Ok;
            }

            context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"已{(existing is null ? "新建" : "更新")}报告 {stored.Name}（第 {stored.Revision} 版，{CliNames.State(stored.State)}）"));
            WriteSummary(context, stored);
            foreach (var note in imported.Notes)
            {
                context.WriteLine($"  导入说明：{note.Message}");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command List(CommandFactory factory)
    {
        var year = new Option<int?>("--year") { HelpName = "YEAR", Description = "只列出该年度" };
        var state = new Option<string?>("--state") { HelpName = "STATE", Description = "只列出该状态：draft、submitted、approved、returned、reopened" };
        var under = new Option<string?>("--under") { HelpName = "AGENCY", Description = "只列出该机关及其下级机关的报告，如 agencies/2" };
        var hasErrors = new Option<bool>("--has-errors") { Description = "只列出有错误的报告" };
        var orderBy = new Option<string?>("--order-by") { HelpName = "ORDER", Description = "排序：update_time desc（默认）、create_time、agency、report_year、report_year desc、state、error_count desc" };
        var command = new Command("list", "列出报告（可按年度、状态、机关、是否有错误筛选）") { year, state, under, hasErrors, orderBy };
        return factory.Bind(command, "list", async (context, parse, cancellationToken) =>
        {
            var request = new ListReportsRequest
            {
                Parent = parse.GetValue(under) is { } u ? CliFormat.AgencyName(u) : string.Empty,
                Year = parse.GetValue(year) ?? 0,
                State = parse.GetValue(state) is { } s ? CliNames.ParseState(s) : Report.Types.State.Unspecified,
                HasErrors = parse.GetValue(hasErrors),
                OrderBy = parse.GetValue(orderBy) ?? string.Empty,
                PageSize = 200,
                View = ReportView.Basic,
            };
            var all = new ListReportsResponse();
            var first = true;
            do
            {
                var page = await context.CallAsync<ListReportsRequest, ListReportsResponse>(Service + "ListReports", request, cancellationToken).ConfigureAwait(false);
                all.Reports.AddRange(page.Reports);
                if (first)
                {
                    all.TotalSize = page.TotalSize;
                    first = false;
                }

                request.PageToken = page.NextPageToken;
            }
            while (!string.IsNullOrEmpty(request.PageToken));

            if (context.Json)
            {
                context.WriteJson(all);
                return ExitCodes.Ok;
            }

            foreach (var report in all.Reports)
            {
                var agencyLabel = string.IsNullOrWhiteSpace(report.AgencyDisplayName) ? "（未写明机关）" : report.AgencyDisplayName;
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{report.Name}\t{agencyLabel}\t{report.ReportYear}年\t{CliNames.State(report.State)}\t错误 {report.ErrorCount}\t警告 {report.WarningCount}\t更新于 {CliFormat.Time(report.UpdateTime)}"));
            }

            context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"共 {all.Reports.Count} 份报告"));
            return ExitCodes.Ok;
        });
    }

    private static Command Show(CommandFactory factory)
    {
        var name = ReportNameArgument();
        var findings = new Option<bool>("--findings") { Description = "同时列出检查发现的问题（含历史规则）及其键（供 submit --justify 使用）" };
        var command = new Command("show", "显示一份报告的概要、状态和可执行的操作") { name, findings };
        return factory.Bind(command, "show", async (context, parse, cancellationToken) =>
        {
            var reportName = CliFormat.ReportName(parse.GetValue(name)!);
            var report = await GetAsync(context, reportName, cancellationToken).ConfigureAwait(false);
            ValidationResult? validation = null;
            if (parse.GetValue(findings))
            {
                validation = await context.CallAsync<GetReportValidationRequest, ValidationResult>(Service + "GetReportValidation",
                    new GetReportValidationRequest { Name = reportName }, cancellationToken).ConfigureAwait(false);
            }

            if (context.Json)
            {
                context.WriteJson(report);
                if (validation is not null)
                {
                    context.WriteJson(validation);
                }

                return ExitCodes.Ok;
            }

            context.WriteLine($"报告：{report.Name}");
            WriteSummary(context, report);
            context.WriteLine($"  etag：{report.Etag}");
            context.WriteLine($"  创建于 {CliFormat.Time(report.CreateTime)}，更新于 {CliFormat.Time(report.UpdateTime)}");
            context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  内容：{report.Parts.Count} 个部分，{report.Cells.Count(c => c.Present)} 个已填单元格"));
            context.WriteLine($"  可执行的操作：{(report.AllowedActions.Count == 0 ? "无" : string.Join("、", report.AllowedActions))}");
            if (validation is not null)
            {
                WriteFindings(context, validation);
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Submit(CommandFactory factory)
    {
        var name = ReportNameArgument();
        var justify = new Option<string[]>("--justify")
        {
            HelpName = "KEY=TEXT",
            Description = "对警告的说明，格式 键=说明（键见 show --findings），可多次",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var etag = EtagOption();
        var command = new Command("submit", "提交报告待审核（有未解决的错误时被拒绝并列出这些错误）") { name, justify, etag };
        return factory.Bind(command, "submit", async (context, parse, cancellationToken) =>
        {
            var request = new SubmitReportRequest { Name = CliFormat.ReportName(parse.GetValue(name)!) };
            foreach (var item in parse.GetValue(justify) ?? [])
            {
                var separator = item.IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0 || separator == item.Length - 1)
                {
                    throw new CliUsageException($"说明“{item}”格式无效，应为 键=说明。");
                }

                request.Justifications.Add(new Justification { FindingKey = item[..separator].Trim(), Text = item[(separator + 1)..].Trim() });
            }

            request.Etag = parse.GetValue(etag) ?? (await GetAsync(context, request.Name, cancellationToken).ConfigureAwait(false)).Etag;
            var report = await context.CallAsync<SubmitReportRequest, Report>(Service + "SubmitReport", request, cancellationToken).ConfigureAwait(false);
            return WriteTransition(context, report, "已提交");
        });
    }

    private static Command Approve(CommandFactory factory)
    {
        var name = ReportNameArgument();
        var etag = EtagOption();
        var command = new Command("approve", "审核通过报告") { name, etag };
        return factory.Bind(command, "approve", async (context, parse, cancellationToken) =>
        {
            var request = new ApproveReportRequest { Name = CliFormat.ReportName(parse.GetValue(name)!) };
            request.Etag = parse.GetValue(etag) ?? (await GetAsync(context, request.Name, cancellationToken).ConfigureAwait(false)).Etag;
            var report = await context.CallAsync<ApproveReportRequest, Report>(Service + "ApproveReport", request, cancellationToken).ConfigureAwait(false);
            return WriteTransition(context, report, "已审核通过");
        });
    }

    private static Command Return(CommandFactory factory)
    {
        var name = ReportNameArgument();
        var reason = new Option<string>("--reason") { HelpName = "TEXT", Description = "退回理由（必填）", Required = true };
        var cells = new Option<string[]>("--cell") { HelpName = "ADDRESS", Description = "指出有问题的单元格地址，可多次", Arity = ArgumentArity.ZeroOrMore };
        var findingKeys = new Option<string[]>("--finding") { HelpName = "KEY", Description = "指出有问题的检查结果键，可多次", Arity = ArgumentArity.ZeroOrMore };
        var etag = EtagOption();
        var command = new Command("return", "退回报告并说明理由") { name, reason, cells, findingKeys, etag };
        return factory.Bind(command, "return", async (context, parse, cancellationToken) =>
        {
            var request = new ReturnReportRequest
            {
                Name = CliFormat.ReportName(parse.GetValue(name)!),
                Reason = RequireText(parse.GetValue(reason), "退回理由"),
            };
            request.CellAddresses.AddRange(parse.GetValue(cells) ?? []);
            request.FindingKeys.AddRange(parse.GetValue(findingKeys) ?? []);
            request.Etag = parse.GetValue(etag) ?? (await GetAsync(context, request.Name, cancellationToken).ConfigureAwait(false)).Etag;
            var report = await context.CallAsync<ReturnReportRequest, Report>(Service + "ReturnReport", request, cancellationToken).ConfigureAwait(false);
            return WriteTransition(context, report, "已退回");
        });
    }

    private static Command Reopen(CommandFactory factory)
    {
        var name = ReportNameArgument();
        var reason = new Option<string>("--reason") { HelpName = "TEXT", Description = "重新打开的理由（必填）", Required = true };
        var etag = EtagOption();
        var command = new Command("reopen", "重新打开已审核通过的报告（管理员或上级审核员）") { name, reason, etag };
        return factory.Bind(command, "reopen", async (context, parse, cancellationToken) =>
        {
            var request = new ReopenReportRequest
            {
                Name = CliFormat.ReportName(parse.GetValue(name)!),
                Reason = RequireText(parse.GetValue(reason), "重新打开的理由"),
            };
            request.Etag = parse.GetValue(etag) ?? (await GetAsync(context, request.Name, cancellationToken).ConfigureAwait(false)).Etag;
            var report = await context.CallAsync<ReopenReportRequest, Report>(Service + "ReopenReport", request, cancellationToken).ConfigureAwait(false);
            return WriteTransition(context, report, "已重新打开");
        });
    }

    private static Command History(CommandFactory factory)
    {
        var name = ReportNameArgument();
        var command = new Command("history", "显示报告的修订记录和流转事件") { name };
        return factory.Bind(command, "history", async (context, parse, cancellationToken) =>
        {
            var reportName = CliFormat.ReportName(parse.GetValue(name)!);
            var revisions = await context.CallAsync<ListReportRevisionsRequest, ListReportRevisionsResponse>(Service + "ListReportRevisions",
                new ListReportRevisionsRequest { Name = reportName }, cancellationToken).ConfigureAwait(false);
            var events = await context.CallAsync<ListReportEventsRequest, ListReportEventsResponse>(Service + "ListReportEvents",
                new ListReportEventsRequest { Name = reportName }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(revisions);
                context.WriteJson(events);
                return ExitCodes.Ok;
            }

            context.WriteLine($"报告 {reportName}");
            context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"【修订】共 {revisions.Revisions.Count} 版"));
            foreach (var revision in revisions.Revisions)
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  第 {revision.Number} 版\t{CliFormat.Time(revision.CreateTime)}\t{revision.Author}\t{CliNames.Action(revision.Action)}"));
            }

            context.WriteLine(string.Create(CultureInfo.InvariantCulture, $"【事件】共 {events.Events.Count} 条"));
            foreach (var e in events.Events)
            {
                var line = $"  {CliFormat.Time(e.Time)}\t{e.Actor}\t{CliNames.Action(e.Action)}";
                if (e.FromState != e.ToState)
                {
                    line += $"\t{CliNames.State(e.FromState)} → {CliNames.State(e.ToState)}";
                }

                if (!string.IsNullOrWhiteSpace(e.Reason))
                {
                    line += $"\t理由：{e.Reason}";
                }

                if (e.CellAddresses.Count > 0)
                {
                    line += $"\t单元格：{string.Join("、", e.CellAddresses)}";
                }

                if (e.FindingKeys.Count > 0)
                {
                    line += $"\t检查结果：{string.Join("、", e.FindingKeys)}";
                }

                context.WriteLine(line);
            }

            return ExitCodes.Ok;
        });
    }

    private static Argument<string> ReportNameArgument() => new("NAME") { Description = "报告名称，如 agencies/3/reports/2019" };

    private static Option<string?> EtagOption() => new("--etag")
    {
        HelpName = "ETAG",
        Description = "报告的 etag；指定时仅当报告自读取后未被修改才执行（否则先读取当前 etag）",
    };

    private static string RequireText(string? text, string what) =>
        string.IsNullOrWhiteSpace(text) ? throw new CliUsageException($"{what}不能为空。") : text.Trim();

    private static Task<Report> GetAsync(CommandContext context, string name, CancellationToken cancellationToken) =>
        context.CallAsync<GetReportRequest, Report>(Service + "GetReport", new GetReportRequest { Name = name }, cancellationToken);

    private static int WriteTransition(CommandContext context, Report report, string verb)
    {
        if (context.Json)
        {
            context.WriteJson(report);
        }
        else
        {
            context.WriteLine($"{verb} {report.Name}：当前状态 {CliNames.State(report.State)}");
        }

        return ExitCodes.Ok;
    }

    private static void WriteSummary(CommandContext context, Report report)
    {
        var agencyLabel = string.IsNullOrWhiteSpace(report.AgencyDisplayName) ? "（未写明）" : report.AgencyDisplayName;
        context.WriteLine($"  机关：{agencyLabel}（{CliFormat.KindName(report.AgencyKind)}，{report.Agency}）");
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  年度：{report.ReportYear}年　格式：{CliNames.Template(report.Template)}　发布日期：{(string.IsNullOrEmpty(report.PublicationDate) ? "（未写明）" : report.PublicationDate)}"));
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  状态：{CliNames.State(report.State)}　第 {report.Revision} 版　{report.ErrorCount} 个错误，{report.WarningCount} 个警告"));
    }

    private static void WriteFindings(CommandContext context, ValidationResult validation)
    {
        context.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"【检查结果】{validation.ErrorCount} 个错误，{validation.WarningCount} 个警告，{validation.InfoCount} 个提示"));
        foreach (var finding in validation.Findings.OrderBy(f => f.Severity).ThenBy(f => f.Id))
        {
            var key = string.IsNullOrEmpty(finding.StableKey) ? string.Empty : $"（键 {finding.StableKey}）";
            context.WriteLine($"  {CliNames.Severity(finding.Severity)} [{finding.RuleId}] {finding.Message}{key}");
        }
    }
}
