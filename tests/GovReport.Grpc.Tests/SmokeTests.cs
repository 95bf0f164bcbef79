namespace GovReport.Grpc.Tests;

public class SmokeTests
{
    [Fact]
    public void Assembly_Loads_HasName()
    {
        Assert.Equal("GovReport.Grpc.Tests", typeof(SmokeTests).Assembly.GetName().Name);
    }
}
