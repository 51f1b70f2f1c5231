using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Live;

public sealed class FirstPaintTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Page_PaintsFromCompressedCompactSnapshots_ThenStreamsTheEventsAfterThem()
    {
        var run = new LiveRun(stack, "paint", "loss_paint");
        await run.WriteAsync(2.0, 1.5, 1.25);
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, run.Query);
        var latest = page.LatestValue(run.Metric, run.RunId);

        await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(1.25));
        await Expect(page.Canvas(run.Metric)).ToHaveAttributeAsync("data-points", "3");
        await Expect(page.ConnectionStatus).ToHaveAttributeAsync("data-state", "live");
        await run.WriteAsync(0.987654);
        await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(0.987654));

        // The open tab's snapshot, then everyone's, both compact and compressed as StreamApi made them (the gateway
        // passes them through); then the stream resumes after the full one, so it sends no JSON snapshot.
        var data = page.Responses.Where(r => r.Url.Contains("/snapshot", StringComparison.Ordinal) || r.Url.Contains("/stream", StringComparison.Ordinal)).ToList();
        var snapshots = data.Where(r => new Uri(r.Url).AbsolutePath == "/snapshot").ToList();
        Assert.Equal(2, snapshots.Count);
        Assert.Contains("metrics=loss", snapshots[0].Url, StringComparison.Ordinal);
        Assert.Equal("", new Uri(snapshots[1].Url).Query);
        foreach (var snapshot in snapshots)
        {
            Assert.Equal(200, snapshot.Status);
            Assert.Equal("br", (await snapshot.AllHeadersAsync())["content-encoding"]);
        }
        var stream = Assert.Single(data, r => new Uri(r.Url).AbsolutePath == "/stream");
        Assert.Contains("last_event_id=", stream.Url, StringComparison.Ordinal);
        Assert.True(data.IndexOf(stream) > data.IndexOf(snapshots[1]));
        Assert.Empty(page.Errors);
    }
}
