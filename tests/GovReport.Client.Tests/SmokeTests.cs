namespace GovReport.Client.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Client.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
