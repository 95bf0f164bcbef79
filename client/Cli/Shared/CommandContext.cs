using System.CommandLine;
using System.Net.Sockets;
using Google.Protobuf;
using GovReport.Grpc;

namespace GovReport.Client.Cli.Shared;

/// <summary>What a subcommand's body gets: the session, the output streams and whether to print JSON.</summary>
internal sealed class CommandContext(string commandName, ConnectionSettings settings, CliSession session, TextWriter output, TextWriter error)
{
    public string CommandName { get; } = commandName;

    public bool Json => settings.Json;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public CliSession Session { get; } = session;

    public Task<TResp> CallAsync<TReq, TResp>(string fullMethod, TReq request, CancellationToken cancellationToken)
        where TReq : class, IMessage<TReq>
        where TResp : class, IMessage<TResp>, new() =>
        Session.CallAsync<TReq, TResp>(fullMethod, request, cancellationToken);

    /// <summary>One canonical protobuf JSON object on one line.</summary>
    public void WriteJson(IMessage message) => Output.WriteLine(CliFormat.Json.Format(message));

    public void WriteLine(string line) => Output.WriteLine(line);
}

/// <summary>Binds a subcommand body to System.CommandLine with the shared session setup and error → exit code mapping.</summary>
internal sealed class CommandFactory(TextWriter output, TextWriter error, Func<string, string?> environment)
{
    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Adds the connection options to <paramref name="command"/> and sets its action to <paramref name="body"/>.</summary>
    /// <param name="name">The command path as users type it, e.g. "agency add" (used in messages).</param>
    public Command Bind(Command command, string name, Func<CommandContext, ParseResult, CancellationToken, Task<int>> body)
    {
        var connection = ConnectionOptions.AddTo(command);
        RequireInChinese(command);
        command.SetAction((parseResult, cancellationToken) => RunAsync(name, connection.Read(parseResult), parseResult, body, cancellationToken));
        return command;
    }

    /// <summary>
    /// Missing required options and arguments are reported by our own validators, so the message is Chinese and
    /// names what is missing (System.CommandLine's own messages are partly untranslated).
    /// </summary>
    private static void RequireInChinese(Command command)
    {
        foreach (var option in command.Options.Where(o => o.Required).ToList())
        {
            option.Required = false;
            if (option.Description is { } description && !description.Contains("必填", StringComparison.Ordinal))
            {
                option.Description = description + "（必填）";
            }

            command.Validators.Add(result =>
            {
                if (result.GetResult(option) is null)
                {
                    result.AddError($"缺少必填选项 {option.Name}：{option.Description}");
                }
            });
        }

        foreach (var argument in command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0).ToList())
        {
            argument.Arity = new ArgumentArity(0, argument.Arity.MaximumNumberOfValues);
            command.Validators.Add(result =>
            {
                if (result.GetResult(argument) is not { Tokens.Count: > 0 })
                {
                    result.AddError($"缺少参数 {argument.Name}：{argument.Description}");
                }
            });
        }
    }

    private async Task<int> RunAsync(string name, ConnectionSettings settings, ParseResult parseResult,
        Func<CommandContext, ParseResult, CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            var session = await CliSession.OpenAsync(settings, environment, cancellationToken).ConfigureAwait(false);
            await using (session.ConfigureAwait(false))
            {
                var context = new CommandContext(name, settings, session, Output, Error);
                return await body(context, parseResult, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (CliUsageException ex)
        {
            await Error.WriteLineAsync($"govreport {name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (CliFailedException ex)
        {
            await Error.WriteLineAsync($"govreport {name}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (RpcException ex)
        {
            return RpcErrorPrinter.Print(Error, name, ex, settings.Json);
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException)
        {
            await Error.WriteLineAsync($"govreport {name}: 无法连接服务器 {settings.Server ?? "（嵌入式）"}：{ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await Error.WriteLineAsync($"govreport {name}: 读写文件失败：{ex.Message}").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
    }
}
