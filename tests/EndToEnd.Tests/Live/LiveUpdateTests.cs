using System.Diagnostics;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Live;

public sealed class LiveUpdateTests(DashboardStack stack, ChromiumBrowser browser)
{
    /// <summary>The product's promise: a point inserted into ClickHouse is on the open page within two seconds.</summary>
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task NewPoint_IsShownWithinTwoSeconds_OfItsInsertIntoClickHouse()
    {
        var run = new LiveRun(stack, "live", "loss_live");
        await run.WriteAsync([.. Enumerable.Range(0, 10).Select(i => 2.0 - (i * 0.05))]);
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, run.Query);
        var latest = page.LatestValue(run.Metric, run.RunId);
        await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(1.55));
        await Expect(page.Canvas(run.Metric)).ToHaveAttributeAsync("data-points", "10");
        await Expect(page.ConnectionStatus).ToHaveAttributeAsync("data-state", "live");

        foreach (var value in new[] { 0.123456, 0.654321 })
        {
            var clock = Stopwatch.StartNew();
            await run.WriteAsync(value);

            await Expect(latest).ToHaveTextAsync(DisplayedValue.Of(value), new() { Timeout = Remaining(clock) });
            await Expect(page.Canvas(run.Metric)).ToHaveAttributeAsync("data-points", $"{run.Steps}", new() { Timeout = Remaining(clock) });
            TestContext.Current.TestOutputHelper?.WriteLine($"{value} shown {clock.ElapsedMilliseconds} ms after its INSERT was sent");
        }
        Assert.Empty(page.Errors);
    }

    private static float Remaining(Stopwatch clock) => (float)Math.Max(1, (Promise - clock.Elapsed).TotalMilliseconds);
}
