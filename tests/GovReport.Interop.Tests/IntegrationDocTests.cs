using System.Text.RegularExpressions;
using GovReport.Interop.Tests.Internal;

namespace GovReport.Interop.Tests;

/// <summary>docs/integration.md quotes the interop clients; a quoted line that left its source file fails here.</summary>
public sealed partial class IntegrationDocTests
{
    [Fact]
    public void IntegrationDoc_QuotedSnippets_AppearInTheirSourceFiles()
    {
        var doc = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "integration.md"));
        var blocks = QuotedBlock().Matches(doc);
        Assert.True(blocks.Count >= 5, $"expected the quoted blocks of docs/integration.md, found {blocks.Count}");
        foreach (Match block in blocks)
        {
            var source = block.Groups["path"].Value;
            var lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, source)).Select(l => l.Trim()).ToHashSet();
            foreach (var quoted in block.Groups["body"].Value.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                Assert.True(lines.Contains(quoted), $"docs/integration.md quotes a line that is not in {source}:\n{quoted}");
            }
        }
    }

    [GeneratedRegex(@"<!-- from: (?<path>\S+) -->\s*```\w*\n(?<body>.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuotedBlock();
}
