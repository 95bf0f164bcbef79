using System.Runtime.CompilerServices;

namespace GovReport.Client.Tests;

/// <summary>Finds the seed reports: $GOVREPORT_SEEDS, else the first <c>shared/fixtures/seeds</c> above the test
/// binaries, this source file or the working directory (the repository sits beside <c>shared/</c>).</summary>
internal static class SeedLocator
{
    public static string Locate([CallerFilePath] string sourcePath = "")
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("GOVREPORT_SEEDS");
        if (!string.IsNullOrEmpty(fromEnvironment) && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }

        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourcePath)!, Environment.CurrentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "seeds");
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new InvalidOperationException("Seed reports not found: expected <repo>/../shared/fixtures/seeds (or set GOVREPORT_SEEDS).");
    }
}
