using AppHost.Processes;

namespace AppHost.Tests.Processes;

public sealed class RestartPolicyTests
{
    private static readonly RestartPolicy Policy = new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(1000, 30)]
    public void DelayFor_DoublesUpToMaximum_WithConsecutiveFailures(int failures, int expectedSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), Policy.DelayFor(failures));
    }
}
