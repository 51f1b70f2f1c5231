using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
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
        var runs = await page.Badges.CountAsync();
        await Expect(page.Page.GetByTestId("runs-count")).ToHaveTextAsync($"{runs}/{runs} shown");

        await page.Badge(SeedRuns.ThreeHoursOld).ClickAsync();

        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToHaveAttributeAsync("aria-pressed", "false");
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-runs", both);
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-points", $"{2 * 2 * SeedRuns.Steps}");
        await Expect(page.LatestValue(SeedRuns.GpuUtil, SeedRuns.ThreeHoursOld)).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("runs-count")).ToHaveTextAsync($"{runs - 1}/{runs} shown");
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
