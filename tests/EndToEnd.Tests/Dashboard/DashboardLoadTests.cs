using System.Globalization;
using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class DashboardLoadTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Page_ListsEveryRunAsABadge_AndDrawsChartsWithPoints_WhenOpened()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);

        await Expect(page.Page.GetByTestId("app-title")).ToHaveTextAsync("Training dashboard");
        await Expect(page.ConnectionStatus).ToHaveAttributeAsync("data-state", "live");
        foreach (var run in SeedRuns.AllRunIds.Append(stack.LogDirectory.RunId))
        {
            await Expect(page.Badge(run)).ToHaveAttributeAsync("aria-pressed", "true");
        }
        await Expect(page.Badge(SeedRuns.RecentA).GetByTestId("run-activity")).ToHaveAttributeAsync("aria-label", "active");
        await Expect(page.Badge(SeedRuns.ThreeHoursOld).GetByTestId("run-activity")).ToHaveAttributeAsync("aria-label", "inactive");
        await Expect(page.Tab("training")).ToHaveAttributeAsync("aria-selected", "true");

        // Every run has this metric: each of them is drawn, with all of its points (200 steps, fewer than the cap).
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", string.Join(' ', SeedRuns.RunIds.Order(StringComparer.Ordinal)));
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", (SeedRuns.RunIds.Count * SeedRuns.Steps).ToString(CultureInfo.InvariantCulture));
        await Expect(page.Canvas(SeedRuns.Loss).Locator("canvas")).ToBeVisibleAsync();
        await Expect(page.LatestValue(SeedRuns.Loss, SeedRuns.RecentA)).ToHaveTextAsync(DisplayedValue.Of(SeedRuns.LossAt(SeedRuns.Steps - 1, 1.0)));
        // The log directory's batch losses are a Training chart too (Loss/batch, 40 batches of the five logs). Charts
        // mount only near the viewport, and other tests' runs may push it far down: the filter brings it up.
        await page.Page.GetByTestId("metric-filter").FillAsync("^Loss/batch$");
        await Expect(page.Canvas("Loss/batch")).ToHaveAttributeAsync("data-points", new Regex($"^{stack.LogDirectory.Losses.Count}$"));
        Assert.Empty(page.Errors);
    }
}
