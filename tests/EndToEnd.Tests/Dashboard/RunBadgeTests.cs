using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using TestSupport;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class RunBadgeTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Badge_RemovesTheRunsSeriesFromEveryChart_AndBringsThemBack_WhenClickedTwice()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, "?tab=system");
        var both = $"{SeedRuns.RecentA} {SeedRuns.RecentB}";
        var all = string.Join(' ', SeedRuns.RunIds.Order(StringComparer.Ordinal));
        // Two hosts per run: two lines per run in the GPU chart.
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-runs", all);
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * 2 * SeedRuns.Steps}");
        // Other tests' runs share this stack and may still be arriving: the count is read as shown against total.
        await ExpectHiddenRunsAsync(page, 0);

        await page.Badge(SeedRuns.ThreeHoursOld).ClickAsync();

        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-runs", both);
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-points", $"{2 * 2 * SeedRuns.Steps}");
        await Expect(page.LatestValue(SeedRuns.GpuUtil, SeedRuns.ThreeHoursOld)).ToHaveCountAsync(0);
        await ExpectHiddenRunsAsync(page, 1);
        await page.ScreenshotAsync("hidden");

        await page.Tab("training").ClickAsync();
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", both);

        await page.Badge(SeedRuns.ThreeHoursOld).ClickAsync();

        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", all);
        await page.Tab("system").ClickAsync();
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-runs", all);
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * 2 * SeedRuns.Steps}");
        Assert.Empty(page.Errors);
    }

    private static Task ExpectHiddenRunsAsync(DashboardPage page, int hidden) =>
        Eventually.HoldsAsync(async () =>
        {
            var parts = (await page.Page.GetByTestId("runs-count").TextContentAsync() ?? "").Split('/', ' ');
            return parts.Length >= 2 && int.TryParse(parts[0], out var shown) && int.TryParse(parts[1], out var total) && shown == total - hidden;
        }, $"the run count to show {hidden} run(s) hidden", TimeSpan.FromSeconds(20));

    [Fact]
    public async Task NoneAndAll_HideAndShowEveryRun()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * SeedRuns.Steps}");

        await page.Page.GetByTestId("runs-none").ClickAsync();

        await Expect(page.Page.Locator("[data-testid='run-badge'][aria-pressed='true']")).ToHaveCountAsync(0);
        await Expect(page.ChartCards).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("empty-tab")).ToBeVisibleAsync();

        await page.Page.GetByTestId("runs-all").ClickAsync();

        await Expect(page.Page.Locator("[data-testid='run-badge'][aria-pressed='false']")).ToHaveCountAsync(0);
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * SeedRuns.Steps}");
        Assert.Empty(page.Errors);
    }
}
