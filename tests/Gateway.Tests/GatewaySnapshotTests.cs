using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests;

public sealed class GatewaySnapshotTests
{
    [Fact]
    public async Task Snapshot_ReachesTheClient_AsStreamApiCompressedIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var streamApi = await DestinationServer.StartAsync("streamapi-a", cancellationToken);
        await using var frontend = await DestinationServer.StartAsync("frontend", cancellationToken);
        await using var gateway = await GatewayHost.StartAsync([streamApi.Address], frontend.Address, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/snapshot?metrics=loss");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, deflate, br, zstd");

        // The test's client decompresses nothing (no AutomaticDecompression): these are the bytes on the wire.
        using var response = await gateway.Client.SendAsync(request, cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["br"], response.Content.Headers.ContentEncoding);
        Assert.Equal(DestinationServer.CompressedSnapshot, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        Assert.Equal("gzip, deflate, br, zstd", Assert.Single(response.Headers.GetValues("X-Accept-Encoding")));
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }
}
