using System.CommandLine;
using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;
using GovReport.Client.Tui;

namespace GovReport.Client.Cli.Commands;

/// <summary>
/// `set` (change cells or the publication date of a stored report: read, change, UpdateReport with the etag read
/// and a field mask) and `comment` (a comment on a report, a cell or a finding). Beyond the list, so
/// that a whole review round (fix a total, comment on a cell) can be scripted.
/// </summary>
internal static class EditCommands
{
    private const string Service = "/govreport.v1.ReportService/";

    public static IEnumerable<Command> Create(CommandFactory factory) => [Set(factory), Comment(factory)];

    private static Command Set(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "报告名称，如 agencies/3/reports/2019" };
        var cells = new Argument<string[]>("ADDRESS=VALUE")
        {
            Description = "要修改的单元格，如 applications.results_total.natural_person=17；值为空表示空白",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var publicationDate = new Option<string?>("--publication-date") { HelpName = "YYYY-MM-DD", Description = "发布日期 YYYY-MM-DD（空字符串表示未写明）" };
        var command = new Command("set", "修改已保存报告的单元格或发布日期（保存为新版本并重新检查）") { name, cells, publicationDate };
        return factory.Bind(command, "set", async (context, parse, cancellationToken) =>
        {
            var reportName = CliFormat.ReportName(parse.GetValue(name)!);
            var changes = new List<(string Address, string Value)>();
            foreach (var item in parse.GetValue(cells) ?? [])
            {
                var separator = item.IndexOf('=', StringComparison.Ordinal);
                if (separator <= 0)
                {
                    throw new CliUsageException($"单元格“{item}”格式无效，应为 地址=值。");
                }

                var value = item[(separator + 1)..].Trim();
                if (value.Length > 0 && !decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _))
                {
                    throw new CliUsageException($"单元格“{item[..separator]}”的值“{value}”不是数字。");
                }

                changes.Add((item[..separator].Trim(), value));
            }

            var date = parse.GetValue(publicationDate);
            if (date is { Length: > 0 } && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                throw new CliUsageException($"发布日期“{date}”无效，应为 YYYY-MM-DD。");
            }

            if (changes.Count == 0 && date is null)
            {
                throw new CliUsageException("没有要修改的内容：请给出 地址=值 或 --publication-date。");
            }

            var report = await context.CallAsync<GetReportRequest, Report>(Service + "GetReport", new GetReportRequest { Name = reportName }, cancellationToken)
                .ConfigureAwait(false);
            // Only the named cells travel, each masked on its own ("cells.`ADDRESS`"); the etag guards the read-modify-write.
            var update = new Report { Name = report.Name, Etag = report.Etag };
            var mask = new FieldMask();
            // A cell named twice takes its last value.
            foreach (var (address, value) in changes.GroupBy(c => c.Address, StringComparer.Ordinal).Select(g => g.Last()))
            {
                update.Cells.Add(new Cell { Address = address, Present = value.Length > 0, Value = value });
                mask.Paths.Add(ClientSession.CellMaskPath(address));
            }

            if (date is not null)
            {
                update.PublicationDate = date;
                mask.Paths.Add("publication_date");
            }

            var updated = await context.CallAsync<UpdateReportRequest, Report>(Service + "UpdateReport",
                new UpdateReportRequest { Report = update, UpdateMask = mask }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(updated);
            }
            else
            {
                context.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"已修改 {updated.Name}（第 {updated.Revision} 版，{CliNames.State(updated.State)}）：{updated.ErrorCount} 个错误，{updated.WarningCount} 个警告"));
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Comment(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "报告名称，如 agencies/3/reports/2019" };
        var text = new Option<string>("--text") { HelpName = "TEXT", Description = "评论内容（必填）", Required = true };
        var cell = new Option<string?>("--cell") { HelpName = "ADDRESS", Description = "评论针对的单元格地址" };
        var finding = new Option<string?>("--finding") { HelpName = "KEY", Description = "评论针对的检查结果键" };
        var replyTo = new Option<string?>("--reply-to") { HelpName = "COMMENT", Description = "回复的评论名称" };
        var command = new Command("comment", "对报告、单元格或检查结果发表评论") { name, text, cell, finding, replyTo };
        return factory.Bind(command, "comment", async (context, parse, cancellationToken) =>
        {
            var body = parse.GetValue(text)?.Trim();
            if (string.IsNullOrEmpty(body))
            {
                throw new CliUsageException("评论内容不能为空。");
            }

            var created = await context.CallAsync<CreateCommentRequest, Comment>(Service + "CreateComment", new CreateCommentRequest
            {
                Parent = CliFormat.ReportName(parse.GetValue(name)!),
                Comment = new Comment
                {
                    Text = body,
                    CellAddress = parse.GetValue(cell) ?? string.Empty,
                    FindingKey = parse.GetValue(finding) ?? string.Empty,
                    ReplyTo = parse.GetValue(replyTo) ?? string.Empty,
                },
            }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(created);
            }
            else
            {
                context.WriteLine($"已发表评论 {created.Name}");
            }

            return ExitCodes.Ok;
        });
    }
}
