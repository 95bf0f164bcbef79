namespace GovReport.Data.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Data.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
