namespace GovReport.Import.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Import.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
