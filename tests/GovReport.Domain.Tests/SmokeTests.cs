namespace GovReport.Domain.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Domain.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
