using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

/// <summary>Run ids with any character reach StreamApi through the real gateway as the client encoded them.</summary>
public sealed class GatewayRunIdTests
{
    /// <summary>The run ids of the hardening checklist, and the one that spells an encoded slash.</summary>
    public static TheoryData<string> RunIds => ["a/b", "x:y", "with space", "ünï 🚀", "50%", "a,b", "q?#", "a%2Fb"];

    [Theory]
    [MemberData(nameof(RunIds))]
    public async Task Gateway_ForwardsRunIdInPathAndQuery_AsTheClientEncodedIt(string runId)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);
        var encoded = Uri.EscapeDataString(runId);
        string[] targets =
        [
            $"/metrics/{encoded}?metric=loss_t1&max_points=100",
            $"/checkpoints/{encoded}",
            $"/api/loss/statistics?run={encoded}",
            $"/api/loss/by_timestep/2022-01-01T06%3A00%3A00?run={encoded}",
        ];

        foreach (var target in targets)
        {
            using var response = await gateway.Client.GetAsync(target, cancellationToken);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(target, Assert.Single(response.Headers.GetValues(DestinationServer.RawTargetHeader)));
        }
    }

    [Fact]
    public async Task Gateway_ForwardsAnUnencodedSlash_AsASlash()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);

        using var response = await gateway.Client.GetAsync("/metrics/a/b%20c?metric=loss", cancellationToken);

        Assert.Equal("/metrics/a/b%20c?metric=loss", Assert.Single(response.Headers.GetValues(DestinationServer.RawTargetHeader)));
    }
}
