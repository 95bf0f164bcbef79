namespace GovReport.Terminal.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Terminal.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
