namespace GovReport.Interop.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Interop.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
