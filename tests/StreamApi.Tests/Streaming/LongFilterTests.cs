using System.Net;

namespace StreamApi.Tests.Streaming;

/// <summary>A filter the gateway lets through (request lines up to 64 KiB) is read by StreamApi too, not refused with 414.</summary>
public sealed class LongFilterTests
{
    // 200 run ids of 200 characters: about 40 KB of request line, five times Kestrel's default limit.
    private static readonly string LongestRuns = "?runs=" + string.Join(',', Enumerable.Range(0, 200).Select(i => $"{i:D3}-" + new string('r', 196)));

    [Fact]
    public async Task Snapshot_ReadsAFilterOfTwoHundredLongRunIds()
    {
        await using var rig = await StreamRig.StartAsync();

        var snapshot = await CompactSnapshotClient.GetAsync(rig.StreamApi.BaseAddress, LongestRuns);

        Assert.Equal(HttpStatusCode.OK, snapshot.Response.StatusCode);
        Assert.Empty(snapshot.Read().Series);
    }

    [Fact]
    public async Task Stream_ReadsAFilterOfTwoHundredLongRunIds()
    {
        await using var rig = await StreamRig.StartAsync();

        await using var client = await rig.ConnectAsync(LongestRuns);

        Assert.Equal(HttpStatusCode.OK, client.Response.StatusCode);
        Assert.Equal("snapshot", (await client.NextAsync(StreamRig.Patience)).Event);
    }
}
