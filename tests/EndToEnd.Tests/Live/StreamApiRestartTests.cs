using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Live;

public sealed class StreamApiRestartTests(DashboardStack stack, ChromiumBrowser browser)
{
    /// <summary>The page's reconnect backoff grows to 30 s, and the gateway re-admits a failed destination after its checks.</summary>
    private const float RecoveryTimeoutMs = 90_000;

    [Fact]
    public async Task Page_GoesLiveAgainAndShowsNewPoints_AfterStreamApiIsKilledAndRestarted()
    {
        var run = new LiveRun(stack, "restart", "loss_restart");
        await run.WriteAsync(1.0, 0.9, 0.8);
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, run.Query);
        var latest = page.LatestValue(run.Metric, run.RunId);
        await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(0.8));
        await Expect(page.ConnectionStatus).ToHaveAttributeAsync("data-state", "live");

        try
        {
            await stack.StopStreamApiAsync();

            await Expect(page.ConnectionStatus).Not.ToHaveAttributeAsync("data-state", "live");
            // Written while nothing serves the stream: the ingestor keeps it in Redis for the next StreamApi.
            await run.WriteAsync(0.7);
            await page.ScreenshotAsync("down");

            await stack.StartStreamApiAsync();

            await Expect(page.ConnectionStatus).ToHaveAttributeAsync("data-state", "live", new() { Timeout = RecoveryTimeoutMs });
            await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(0.7));
            await run.WriteAsync(0.6543);
            await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(0.6543));
            await Expect(page.Canvas(run.Metric)).ToHaveAttributeAsync("data-points", $"{run.Steps}");
        }
        finally
        {
            // Whatever happened, the next test finds StreamApi running.
            await stack.StartStreamApiAsync();
        }
        Assert.Empty(page.Errors);
    }
}
