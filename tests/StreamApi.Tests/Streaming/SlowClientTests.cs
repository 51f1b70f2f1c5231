using System.Net.Sockets;
using System.Text;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

public sealed class SlowClientTests
{
    [Fact]
    public async Task Stream_DisconnectsClientThatStopsReading_AndKeepsServingOthers()
    {
        await using var rig = await StreamRig.StartAsync(streamApiSettings: new Dictionary<string, string?>
        {
            ["Stream__ClientQueueCapacity"] = "32",
            ["Stream__MaxSlowResyncs"] = "0",
        });
        using var stuck = new TcpClient();
        await stuck.ConnectAsync("127.0.0.1", rig.StreamApi.Port, TestContext.Current.CancellationToken);
        stuck.ReceiveBufferSize = 4096;
        var stream = stuck.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /stream HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\nConnection: close\r\n\r\n"), TestContext.Current.CancellationToken);
        await using var healthy = await rig.ConnectAsync();
        var state = new StreamState();

        // Large replacements: each new series is sent whole, so the stuck client's socket fills quickly.
        // About 50 MB in all, more than loopback socket buffers hold.
        const int Series = 400;
        for (var metric = 0; metric < Series; metric++)
        {
            await rig.Ingestor.WriteAsync("run-flood", $"metric_{metric:D3}", Enumerable.Range(0, 2000).Select(i => ((long)i, Math.Sin(i + metric))));
        }
        await healthy.ApplyUntilAsync(state, s => s.Series.Count >= Series, TimeSpan.FromSeconds(60));
        Assert.Equal(Series, state.Series.Count);

        // The stuck client is cut off: reading what it was sent ends, rather than waiting for ever.
        var buffer = new byte[64 * 1024];
        using var readDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        long total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, readDeadline.Token)) > 0)
            {
                total += read;
            }
        }
        catch (IOException)
        {
            // Reset by the server: cut off, as expected.
        }
        Assert.True(total > 0);
        Assert.True(total < 40_000_000, $"the stuck client was sent {total} bytes: it should have been cut off, not sent everything");
    }
}
