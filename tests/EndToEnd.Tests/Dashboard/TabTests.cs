using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class TabTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Tabs_ShowTheirOwnMetrics_WhenSwitched()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);
        await Expect(page.Card(SeedRuns.Loss)).ToBeVisibleAsync();

        await SwitchToAsync(page, "model");
        await Expect(page.Canvas(SeedRuns.MoeAuxLoss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * SeedRuns.Steps}");
        await Expect(page.Card(SeedRuns.Loss)).ToHaveCountAsync(0);
        await page.ScreenshotAsync("model");

        await SwitchToAsync(page, "system");
        await Expect(page.Canvas(SeedRuns.GpuUtil)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * 2 * SeedRuns.Steps}");
        await Expect(page.Card(SeedRuns.MoeAuxLoss)).ToHaveCountAsync(0);
        await page.ScreenshotAsync("system");

        await SwitchToAsync(page, "checkpoints");
        // Every run saved a checkpoint every 50 steps: 4 each, listed from /checkpoints/{run}.
        var table = page.Page.GetByTestId("checkpoints-table");
        await Expect(table.GetByTestId("checkpoint-row")).ToHaveCountAsync(SeedRuns.RunIds.Count * SeedRuns.Steps / SeedRuns.CheckpointEvery);
        await Expect(table.GetByTestId("checkpoint-row").Filter(new() { HasText = SeedRuns.RecentA })).ToHaveCountAsync(SeedRuns.Steps / SeedRuns.CheckpointEvery);
        await Expect(page.Canvas(SeedRuns.CheckpointSave)).ToHaveAttributeAsync("data-runs", string.Join(' ', SeedRuns.RunIds.Order(StringComparer.Ordinal)));
        await page.ScreenshotAsync("checkpoints");

        await SwitchToAsync(page, "progress");
        await Expect(page.Page.Locator($"[data-testid='progress-run'][data-run='{SeedRuns.RecentA}']")).ToBeVisibleAsync();
        await Expect(page.Page.Locator($"[data-testid='milestone'][data-metric='{SeedRuns.ProgressPercent}'] [data-testid='milestone-bar'][data-run='{SeedRuns.RecentA}']"))
            .ToContainTextAsync("19.9");
        await page.ScreenshotAsync("progress");

        await SwitchToAsync(page, "analytics");
        await Expect(page.Page.GetByTestId("analytics")).ToBeVisibleAsync();
        await Expect(page.ChartCards).ToHaveCountAsync(0);

        await SwitchToAsync(page, "training");
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", new Regex("^[1-9]"));
        Assert.Empty(page.Errors);
    }

    private static async Task SwitchToAsync(DashboardPage page, string tab)
    {
        await page.Tab(tab).ClickAsync();
        await Expect(page.Tab(tab)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(page.Page.GetByTestId("tab-panel-" + tab)).ToBeVisibleAsync();
    }
}
