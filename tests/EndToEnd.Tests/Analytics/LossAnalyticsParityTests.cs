using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Analytics;

public sealed class LossAnalyticsParityTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task LossAnalytics_ShowTheCurrentTimestepsMean_AndTheLastUpdateBesideTheConnection()
    {
        var run = stack.LogDirectory;
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, $"?tab=analytics&arun={Uri.EscapeDataString(run.RunId)}");

        var mean = page.Page.GetByTestId("analytics-card-timestep-mean");
        await Expect(mean.GetByTestId("analytics-card-timestep-mean-value")).ToHaveTextAsync(DisplayedValue.Of(run.Timesteps[^1].Average()));
        await Expect(mean).ToContainTextAsync($"over {run.Timesteps[^1].Count} batches of {run.TimestepNames[^1]}");

        var lastUpdate = page.Page.GetByTestId("last-update");
        await Expect(lastUpdate).ToHaveTextAsync(new Regex(@"^updated (just now|.+ ago)"));
        var absolute = lastUpdate.GetByTestId("last-update-absolute");
        await Expect(absolute).ToBeHiddenAsync();
        await lastUpdate.FocusAsync();
        await Expect(absolute).ToBeVisibleAsync();
        await Expect(absolute).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$"));
        await page.ScreenshotAsync("last-update");
        Assert.Empty(page.Errors);
    }

    /// <summary>Needs StreamApi's <c>GET /api/loss/histogram</c> (docs/protocol.md).</summary>
    [Fact]
    public async Task LossAnalytics_ShowTheHistogramOfEveryBatchLossOfTheRun()
    {
        var run = stack.LogDirectory;
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, $"?tab=analytics&arun={Uri.EscapeDataString(run.RunId)}");

        var histogram = page.Page.GetByTestId("analytics-run-histogram");
        await Expect(histogram).ToHaveAttributeAsync("data-count", $"{run.Losses.Count}");
        await Expect(histogram).ToHaveAttributeAsync("data-bins", new Regex("^[1-9]"));
        await Expect(histogram.Locator("canvas").First).ToBeVisibleAsync();
        await Expect(histogram.GetByTestId("analytics-run-histogram-non-finite")).ToHaveTextAsync("0 NaN · 0 +Inf · 0 −Inf (not binned)");
        await Expect(page.Page.GetByText($"Loss distribution, whole run ({run.Losses.Count} batches)")).ToBeVisibleAsync();
        Assert.Empty(page.Errors);
    }
}
