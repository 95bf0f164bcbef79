using System.Runtime.CompilerServices;

namespace GovReport.Terminal.Tests;

// Whole-screen text snapshots (ratatui/Terminal.Gui style). Set GOVREPORT_UPDATE_SNAPSHOTS=1 to rewrite them.
public class SnapshotTests
{
    [Theory]
    [InlineData(80, 24, 0, 0, false)]
    [InlineData(120, 40, 0, 0, false)]
    [InlineData(80, 24, 24, 6, false)]
    [InlineData(120, 40, 7, 3, true)]
    public void SampleScreen_Drawn_MatchesSnapshot(int width, int height, int row, int column, bool help)
    {
        var buffer = new ScreenBuffer(width, height);

        SampleScreen.Draw(buffer, new GridState(row, column), help);

        ScreenBufferTests.AssertNoSplitWideCharacters(buffer);
        AssertSnapshot($"grid_{width}x{height}_r{row}c{column}{(help ? "_help" : string.Empty)}.txt", buffer.ToText());
    }

    private static void AssertSnapshot(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(sourceFile)!, "Snapshots", name);
        if (Environment.GetEnvironmentVariable("GOVREPORT_UPDATE_SNAPSHOTS") == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing snapshot {path}; run with GOVREPORT_UPDATE_SNAPSHOTS=1 to create it");
        var expected = File.ReadAllText(path).ReplaceLineEndings("\n");
        if (expected != actual)
        {
            Assert.Fail($"snapshot {name} differs.\n--- expected\n{expected}\n--- actual\n{actual}");
        }
    }
}
