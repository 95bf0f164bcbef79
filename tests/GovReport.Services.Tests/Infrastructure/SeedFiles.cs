using System.Runtime.CompilerServices;

namespace GovReport.Services.Tests.Infrastructure;

/// <summary>The five shared seed reports: &lt;repo&gt;/../shared/fixtures/seeds, found by walking up from the test assembly.</summary>
public static class SeedFiles
{
    public const string Seed000 = "000_aef716c44369ab4f.txt";
    public const string Seed001 = "001_4b3fe3c3b758daf8.txt";
    public const string Seed002 = "002_dfb6703c5ed3c52a.txt";
    public const string Seed003 = "003_0b363b8c6b5339b4.txt";
    public const string Seed004 = "004_0a6fad6ec4f98190.txt";

    private static readonly Lazy<string> Located = new(Locate);

    public static string Directory => Located.Value;

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Directory, name));

    private static string Locate()
    {
        var searched = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable("GOVREPORT_SEEDS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return File.Exists(Path.Combine(fromEnvironment, Seed000))
                ? fromEnvironment
                : throw new InvalidOperationException($"GOVREPORT_SEEDS={fromEnvironment} does not hold the seed reports.");
        }

        // The assembly may sit under an external --artifacts-path (/tmp/art-…), so this source file's directory
        // (inside the repo) and the working directory are walked up too.
        foreach (var start in new[] { AppContext.BaseDirectory, SourceDirectory(), Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "seeds");
                if (File.Exists(Path.Combine(candidate, Seed000)))
                {
                    return candidate;
                }

                searched.Add(candidate);
            }
        }

        throw new InvalidOperationException(
            "Seed reports not found: expected a directory containing shared/fixtures/seeds above the test assembly "
            + "(<repo>/../shared/fixtures/seeds). Searched:\n  " + string.Join("\n  ", searched.Distinct()));
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}
