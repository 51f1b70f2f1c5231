using Gateway.Forwarding;

namespace Gateway.Tests;

public sealed class EncodedPathTests
{
    [Theory]
    [InlineData("/metrics/a%2Fb?metric=loss", "/metrics/a%2Fb", "/metrics/a%2Fb")]
    [InlineData("/metrics/a%2fb", "/metrics/a%2fb", "/metrics/a%2Fb")]
    [InlineData("/metrics/a%252Fb", "/metrics/a%2Fb", "/metrics/a%252Fb")]
    [InlineData("/metrics/x:y", "/metrics/x:y", "/metrics/x%3Ay")]
    [InlineData("/metrics/with%20space/", "/metrics/with space/", "/metrics/with%20space/")]
    [InlineData("/", "/", "/")]
    public void FromRawTarget_EncodesEachSegmentOfThePathKestrelRouted(string rawTarget, string routedPath, string expected)
    {
        Assert.Equal(expected, EncodedPath.FromRawTarget(rawTarget, routedPath));
    }

    [Theory]
    [InlineData("/metrics/x/../a%2Fb", "/metrics/a%2Fb")]
    [InlineData("/metrics/%2E%2E/runs", "/runs")]
    [InlineData("/metrics/a/./b", "/metrics/a/b")]
    [InlineData("http://127.0.0.1/metrics/a%2Fb", "/metrics/a%2Fb")]
    [InlineData("*", "")]
    [InlineData("", "")]
    [InlineData("/metrics/a", "/metrics/b")]
    public void FromRawTarget_LeavesThePathToYarp_WhenTheTargetIsNotThePathRouted(string rawTarget, string routedPath)
    {
        Assert.Null(EncodedPath.FromRawTarget(rawTarget, routedPath));
    }
}
