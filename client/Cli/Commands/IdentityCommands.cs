using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using GovReport.Api.V1;
using GovReport.Client.Cli.Shared;

namespace GovReport.Client.Cli.Commands;

/// <summary>`user add`, `token create`, `token revoke`.</summary>
internal static class IdentityCommands
{
    private const string Service = "/govreport.v1.IdentityService/";

    public static IEnumerable<Command> Create(CommandFactory factory, TimeProvider clock)
    {
        var user = new Command("user", "管理用户（add、list、whoami）");
        user.Subcommands.Add(AddUser(factory));
        user.Subcommands.Add(ListUsers(factory));
        user.Subcommands.Add(WhoAmI(factory));
        var token = new Command("token", "管理 API 令牌（create、revoke）");
        token.Subcommands.Add(CreateToken(factory, clock));
        token.Subcommands.Add(RevokeToken(factory));
        return [user, token];
    }

    private static Command AddUser(CommandFactory factory)
    {
        var login = new Argument<string>("LOGIN") { Description = "登录名" };
        var role = new Option<string>("--role") { HelpName = "ROLE", Description = "角色：clerk（填报员）、reviewer（审核员）、admin（管理员）", Required = true };
        var agency = new Option<string>("--agency") { HelpName = "AGENCY", Description = "所属机关，如 agencies/3", Required = true };
        var displayName = new Option<string?>("--display-name") { HelpName = "NAME", Description = "显示名称（默认同登录名）" };
        var command = new Command("add", "新建用户（仅管理员）") { login, role, agency, displayName };
        return factory.Bind(command, "user add", async (context, parse, cancellationToken) =>
        {
            var loginName = parse.GetValue(login)!.Trim();
            if (loginName.Length == 0)
            {
                throw new CliUsageException("登录名不能为空。");
            }

            var user = new User
            {
                Login = loginName,
                DisplayName = parse.GetValue(displayName)?.Trim() ?? loginName,
                Role = CliNames.ParseRole(parse.GetValue(role)!),
                Agency = CliFormat.AgencyName(parse.GetValue(agency)!),
            };
            var created = await context.CallAsync<CreateUserRequest, User>(Service + "CreateUser", new CreateUserRequest { User = user }, cancellationToken)
                .ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(created);
            }
            else
            {
                context.WriteLine($"已新建用户 {created.Name}：{created.Login}（{CliNames.Role(created.Role)}，{created.Agency}）");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command ListUsers(CommandFactory factory)
    {
        var command = new Command("list", "列出用户（仅管理员）");
        return factory.Bind(command, "user list", async (context, _, cancellationToken) =>
        {
            var request = new ListUsersRequest { PageSize = 500 };
            var all = new ListUsersResponse();
            do
            {
                var page = await context.CallAsync<ListUsersRequest, ListUsersResponse>(Service + "ListUsers", request, cancellationToken).ConfigureAwait(false);
                all.Users.AddRange(page.Users);
                request.PageToken = page.NextPageToken;
            }
            while (!string.IsNullOrEmpty(request.PageToken));

            if (context.Json)
            {
                context.WriteJson(all);
                return ExitCodes.Ok;
            }

            foreach (var user in all.Users)
            {
                context.WriteLine(UserLine(user));
            }

            context.WriteLine($"共 {all.Users.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} 个用户");
            return ExitCodes.Ok;
        });
    }

    private static Command WhoAmI(CommandFactory factory)
    {
        var command = new Command("whoami", "显示当前令牌所属的用户（可用于检查令牌是否有效）");
        return factory.Bind(command, "user whoami", async (context, _, cancellationToken) =>
        {
            var user = await context.CallAsync<GetCurrentUserRequest, User>(Service + "GetCurrentUser", new GetCurrentUserRequest(), cancellationToken)
                .ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(user);
            }
            else
            {
                context.WriteLine(UserLine(user));
            }

            return ExitCodes.Ok;
        });
    }

    private static string UserLine(User user) =>
        $"{user.Name}\t{user.Login}\t{user.DisplayName}\t{CliNames.Role(user.Role)}\t{user.Agency}";

    private static Command CreateToken(CommandFactory factory, TimeProvider clock)
    {
        var user = new Option<string>("--user") { HelpName = "USER", Description = "令牌所属用户，如 users/2", Required = true };
        var expires = new Option<string?>("--expires") { HelpName = "WHEN", Description = "有效期：时长（30d、12h、90m）或截止日期（2027-01-31）；默认由服务器决定" };
        var displayName = new Option<string?>("--name") { HelpName = "TEXT", Description = "令牌的说明，如 “批量导入脚本”" };
        var command = new Command("create", "为用户签发 API 令牌；密钥只显示这一次") { user, expires, displayName };
        return factory.Bind(command, "token create", async (context, parse, cancellationToken) =>
        {
            var token = new Token { DisplayName = parse.GetValue(displayName)?.Trim() ?? string.Empty };
            if (parse.GetValue(expires) is { } text)
            {
                token.ExpireTime = Timestamp.FromDateTimeOffset(CliFormat.ParseExpiry(text, clock.GetUtcNow()));
            }

            var response = await context.CallAsync<CreateTokenRequest, CreateTokenResponse>(Service + "CreateToken",
                new CreateTokenRequest { Parent = CliFormat.UserName(parse.GetValue(user)!), Token = token }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(response);
                return ExitCodes.Ok;
            }

            context.WriteLine($"已签发令牌 {response.Token.Name}（有效期至 {CliFormat.Time(response.Token.ExpireTime)}）");
            context.WriteLine("密钥（只显示这一次，请妥善保存）：");

            // The secret alone on the last line, so a script can take it with `tail -n 1`.
            context.WriteLine(response.Secret);
            return ExitCodes.Ok;
        });
    }

    private static Command RevokeToken(CommandFactory factory)
    {
        var name = new Argument<string>("NAME") { Description = "令牌名称，如 users/2/tokens/5" };
        var command = new Command("revoke", "吊销 API 令牌") { name };
        return factory.Bind(command, "token revoke", async (context, parse, cancellationToken) =>
        {
            var revoked = await context.CallAsync<RevokeTokenRequest, Token>(Service + "RevokeToken",
                new RevokeTokenRequest { Name = CliFormat.TokenName(parse.GetValue(name)!) }, cancellationToken).ConfigureAwait(false);
            if (context.Json)
            {
                context.WriteJson(revoked);
            }
            else
            {
                context.WriteLine($"已吊销令牌 {revoked.Name}（吊销时间 {CliFormat.Time(revoked.RevokeTime)}）");
            }

            return ExitCodes.Ok;
        });
    }
}
