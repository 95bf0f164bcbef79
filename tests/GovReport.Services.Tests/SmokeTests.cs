namespace GovReport.Services.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Services.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
