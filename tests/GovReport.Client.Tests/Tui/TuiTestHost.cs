using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using GovReport.Api.V1;
using GovReport.Client.Tui;
using GovReport.Terminal;

namespace GovReport.Client.Tests.Tui;

/// <summary>One real embedded GovReport server (127.0.0.1, port 0) shared by the tests of a class.</summary>
public sealed class EmbeddedServerFixture : IAsyncLifetime
{
    private ClientSession? _server;

    public string Address => _server!.Address;

    public async Task InitializeAsync() => _server = await ClientSession.StartEmbeddedAsync(null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    /// <summary>A shell connected (over its own channel) to the embedded server as its administrator.</summary>
    public Task<TuiShell> ConnectedShellAsync() => ShellAsAsync(_server!.Token!);

    /// <summary>A session as the administrator, for setting up agencies and users.</summary>
    public Task<ClientSession> AdminSessionAsync() => ClientSession.ConnectAsync(Address, _server!.Token, CancellationToken.None);

    /// <summary>A shell connected to the embedded server with <paramref name="token"/> (a clerk's or a reviewer's).</summary>
    public async Task<TuiShell> ShellAsAsync(string token)
    {
        var shell = new TuiShell(new TuiLaunchOptions { Clock = new FixedClock() });
        await shell.SetSessionAsync(await ClientSession.ConnectAsync(Address, token, CancellationToken.None, "测试服务器"));
        return shell;
    }

    /// <summary>Creates a <see cref="ReviewTree"/> under a new root named <paramref name="city"/> (unique per test).</summary>
    public async Task<ReviewTree> ReviewTreeAsync(string city)
    {
        await using var admin = await AdminSessionAsync();
        return await ReviewTree.CreateAsync(admin, city);
    }
}

/// <summary>
/// An agency tree for the workflow: {city} → {city}北仑区人民政府 → 重庆市北碚区人民政府办公室 (seed 002's agency), with a
/// clerk at the office and a reviewer at the district; and an unrelated root with its own office and clerk. Made over
/// gRPC (AgencyService/IdentityService) as the administrator; the tokens are real API tokens.
/// </summary>
public sealed record ReviewTree(
    Agency City,
    Agency District,
    Agency Office,
    Agency UnrelatedOffice,
    User Clerk,
    string ClerkToken,
    User Reviewer,
    string ReviewerToken,
    string UnrelatedClerkToken)
{
    public const string OfficeName = "重庆市北碚区人民政府办公室";

    public static async Task<ReviewTree> CreateAsync(ClientSession admin, string city)
    {
        var root = await admin.CreateAgencyAsync(string.Empty, new Agency { DisplayName = city, Kind = AgencyKind.Government }, CancellationToken.None);
        var district = await admin.CreateAgencyAsync(root.Name, new Agency { DisplayName = "北仑区人民政府", Kind = AgencyKind.Government }, CancellationToken.None);
        var office = await admin.CreateAgencyAsync(district.Name, new Agency { DisplayName = OfficeName, Kind = AgencyKind.Department }, CancellationToken.None);
        var other = await admin.CreateAgencyAsync(string.Empty, new Agency { DisplayName = city + "（无关）", Kind = AgencyKind.Government }, CancellationToken.None);
        var otherOffice = await admin.CreateAgencyAsync(other.Name, new Agency { DisplayName = "无关县人民政府办公室", Kind = AgencyKind.Department }, CancellationToken.None);
        var (clerk, clerkToken) = await UserAsync(admin, "填报员", Role.Clerk, office.Name);
        var (reviewer, reviewerToken) = await UserAsync(admin, "审核员", Role.Reviewer, district.Name);
        var (_, otherToken) = await UserAsync(admin, "无关填报员", Role.Clerk, otherOffice.Name);
        return new ReviewTree(root, district, office, otherOffice, clerk, clerkToken, reviewer, reviewerToken, otherToken);
    }

    /// <summary>
    /// Imports seed 002, corrects it (every wrong total to the computed sum, the publication date after the reporting
    /// period), stores it under <paramref name="agency"/> and submits it with the warnings justified, all as the owner of
    /// <paramref name="session"/>. Returns the submitted report.
    /// </summary>
    /// <param name="year">Stored as this year instead of the seed's 2020 (2019 and 2020 share its template).</param>
    public static async Task<Report> SubmitSeed002Async(ClientSession session, string agency, int? year = null)
    {
        var content = await File.ReadAllBytesAsync(Tuis.Seed(Tuis.Seed002));
        var imported = await session.ImportAsync(content, Tuis.Seed002, CancellationToken.None);
        var report = imported.Report;
        report.ReportYear = year ?? report.ReportYear;
        foreach (var finding in imported.Validation.Findings.Where(f => f.Severity == Severity.Error && f.CulpritAddress.Length > 0))
        {
            var computed = finding.Cells.FirstOrDefault(c => c.Address == finding.CulpritAddress && c.Computed.Length > 0)?.Computed;
            var cell = report.Cells.FirstOrDefault(c => c.Address == finding.CulpritAddress);
            if (computed is not null && cell is not null)
            {
                cell.Present = true;
                cell.Value = computed;
                cell.OriginalText = string.Empty;
            }
        }

        report.PublicationDate = $"{report.ReportYear + 1}-01-25";
        var stored = await session.CreateReportAsync(new CreateReportRequest { Parent = agency, Report = report }, CancellationToken.None);
        var validation = await session.GetReportValidationAsync(stored.Name, CancellationToken.None);
        Assert.True(validation.ErrorCount == 0, string.Join("\n", validation.Findings.Select(f => $"{f.RuleId} {f.Severity} {f.Message}")));
        var submit = new SubmitReportRequest { Name = stored.Name, Etag = stored.Etag };
        submit.Justifications.AddRange(validation.Findings
            .Where(f => f.Severity == Severity.Warning)
            .Select(f => new Justification { FindingKey = f.StableKey, Text = "已核实" }));
        return await session.SubmitReportAsync(submit, CancellationToken.None);
    }

    /// <summary>A user with a unique login and an API token.</summary>
    public static async Task<(User User, string Token)> UserAsync(ClientSession admin, string displayName, Role role, string agency)
    {
        var login = role.ToString().ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..10];
        var user = await admin.CreateUserAsync(new User { Login = login, DisplayName = displayName, Role = role, Agency = agency }, CancellationToken.None);
        return (user, await admin.CreateTokenAsync(user.Name, "测试", CancellationToken.None));
    }
}

/// <summary>A fixed local date (2026-03-01, UTC+8), so a blank draft is always for 2025.</summary>
public sealed class FixedClock : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.CreateCustomTimeZone("CST", TimeSpan.FromHours(8), "CST", "CST");
}

/// <summary>Key helpers and snapshot files.</summary>
public static partial class Tuis
{
    public const string Seed002 = "002_dfb6703c5ed3c52a.txt";

    public static readonly string SeedDirectory = SeedLocator.Locate();

    public static string Seed(string name) => Path.Combine(SeedDirectory, name);

    public static KeyEvent K(Key key, KeyModifiers modifiers = KeyModifiers.None) => new(key, modifiers);

    public static KeyEvent C(char ch) => KeyEvent.Char(ch);

    public static KeyEvent Alt(char ch) => KeyEvent.Char(ch, KeyModifiers.Alt);

    /// <summary>Feeds keys and applies every async result they started.</summary>
    public static async Task PressAsync(this TuiShell shell, params KeyEvent[] keys)
    {
        foreach (var key in keys)
        {
            shell.HandleKey(key);
            await shell.SettleAsync();
        }
    }

    /// <summary>Pushes the screen stack a registry boot (or a screen's own <c>BootAsync</c>) returns.</summary>
    public static async Task BootAsync(this TuiShell shell, Func<TuiShell, CancellationToken, Task<IReadOnlyList<IScreen>>> boot)
    {
        foreach (var screen in await boot(shell, CancellationToken.None))
        {
            shell.Push(screen);
        }
    }

    /// <summary>Types text as individual key presses.</summary>
    public static Task TypeAsync(this TuiShell shell, string text) =>
        shell.PressAsync(text.EnumerateRunes().Select(r => KeyEvent.Char(r)).ToArray());

    /// <summary>
    /// Compares a whole-screen text with the checked-in file Snapshots/{name}.txt; GOVREPORT_UPDATE_SNAPSHOTS=1 rewrites it.
    /// Date-times ("2026-03-01 09:30") are masked first.
    /// </summary>
    public static void MatchSnapshot(string actual, string name, [CallerFilePath] string source = "")
    {
        // Times of day come from the server's clock: masked (same width) so that a snapshot does not change with them.
        actual = TimeOfDay().Replace(actual, "####-##-## ##:##");
        var path = Path.Combine(Path.GetDirectoryName(source)!, "Snapshots", name + ".txt");
        if (Environment.GetEnvironmentVariable("GOVREPORT_UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, actual, new UTF8Encoding(false));
            return;
        }

        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}\b")]
    private static partial Regex TimeOfDay();

    /// <summary>Asserts that every row of a frame is exactly <paramref name="width"/> columns and no wide character is split.</summary>
    public static void AssertWellFormed(ScreenBuffer buffer)
    {
        for (var y = 0; y < buffer.Height; y++)
        {
            for (var x = 0; x < buffer.Width; x++)
            {
                var cell = buffer[x, y];
                if (cell.Width == 2)
                {
                    Assert.True(x + 1 < buffer.Width && buffer[x + 1, y].IsContinuation, $"wide character split at ({x},{y})");
                }
                else if (cell.IsContinuation)
                {
                    Assert.True(x > 0 && buffer[x - 1, y].Width == 2, $"orphan continuation at ({x},{y})");
                }
            }

            Assert.Equal(buffer.Width, DisplayWidth.Of(buffer.LineText(y)));
        }
    }
}
