using System.Runtime.CompilerServices;

namespace GovReport.Import.Tests.Support;

/// <summary>Finds the shared seed reports: &lt;repo&gt;/../shared/fixtures/seeds (or GOVREPORT_SEEDS).</summary>
public static class SeedFiles
{
    public static readonly string[] Names =
    [
        "000_aef716c44369ab4f.txt",
        "001_4b3fe3c3b758daf8.txt",
        "002_dfb6703c5ed3c52a.txt",
        "003_0b363b8c6b5339b4.txt",
        "004_0a6fad6ec4f98190.txt",
    ];

    private static readonly Lazy<string> Directory_ = new(Locate);

    public static string Directory => Directory_.Value;

    public static string PathOf(string name) => Path.Combine(Directory, name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static TheoryData<string> All()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names)
        {
            data.Add(name);
        }

        return data;
    }

    private static string Locate() => LocateFrom(SourceDirectory());

    private static string LocateFrom(string sourceDirectory)
    {
        var searched = new List<string>();
        var fromEnvironment = Environment.GetEnvironmentVariable("GOVREPORT_SEEDS");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            if (System.IO.Directory.Exists(fromEnvironment))
            {
                return fromEnvironment;
            }

            searched.Add(fromEnvironment + " (GOVREPORT_SEEDS)");
        }

        // The test assembly may live under an external artifacts path, so walk up from it, from this source
        // file's directory (inside the repo) and from the working directory.
        foreach (var start in new[] { AppContext.BaseDirectory, sourceDirectory, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "seeds");
                if (System.IO.Directory.Exists(candidate) && File.Exists(Path.Combine(candidate, Names[0])))
                {
                    return candidate;
                }

                searched.Add(candidate);
            }
        }

        throw new InvalidOperationException(
            "Seed reports not found: expected <repo>/../shared/fixtures/seeds (or set GOVREPORT_SEEDS). Searched:\n  "
            + string.Join("\n  ", searched.Distinct()));
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path) ?? ".";
}
