using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class ChartErgonomicsTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Tooltip_OrdersRuns_ByTheChosenSortMode()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, Only(SeedRuns.RunIds));
        var card = GridCard(page, SeedRuns.Loss);
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * SeedRuns.Steps}");

        // Run order by default, whatever the values: the three runs' losses are in a different order at every step.
        var rows = await ChartPointer.TooltipAtAsync(page.Page, card, 0.5f, 0.5f, SeedRuns.RunIds.Count);
        Assert.Equal(SeedRuns.RunIds.Order(StringComparer.Ordinal), rows.Select(r => r.Run));

        await SortAsync(page, "descending");
        rows = await ChartPointer.TooltipAtAsync(page.Page, card, 0.5f, 0.5f, SeedRuns.RunIds.Count);
        Assert.Equal(rows.Select(r => r.Value).OrderDescending(), rows.Select(r => r.Value));
        await page.ScreenshotAsync("descending");

        await SortAsync(page, "ascending");
        rows = await ChartPointer.TooltipAtAsync(page.Page, card, 0.5f, 0.5f, SeedRuns.RunIds.Count);
        Assert.Equal(rows.Select(r => r.Value).Order(), rows.Select(r => r.Value));

        // Nearest the cursor's y: at the top of the plot the highest value, at the bottom the lowest.
        await SortAsync(page, "nearest");
        rows = await ChartPointer.TooltipAtAsync(page.Page, card, 0.5f, 0.02f, SeedRuns.RunIds.Count);
        Assert.Equal(rows.Max(r => r.Value), rows[0].Value);
        rows = await ChartPointer.TooltipAtAsync(page.Page, card, 0.5f, 0.98f, SeedRuns.RunIds.Count);
        Assert.Equal(rows.Min(r => r.Value), rows[0].Value);
        await page.ScreenshotAsync("nearest");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task EnlargedChart_FillsThePage_KeepingZoomAndLogScale_UntilEscape()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, Only([SeedRuns.RecentA]));
        var card = GridCard(page, SeedRuns.Loss);
        await Expect(card.GetByTestId("chart-canvas")).ToHaveAttributeAsync("data-points", $"{SeedRuns.Steps}");
        await card.GetByTestId("chart-log-toggle").ClickAsync();
        await ChartPointer.DragAsync(page.Page, card, 0.25f, 0.5f);
        await Expect(card.GetByTestId("chart-zoom-state")).ToHaveTextAsync("zoomed (full resolution)");
        // The drawn count changes once the zoomed range is drawn, which may be a frame after the state says zoomed.
        await Expect(card.GetByTestId("chart-canvas")).Not.ToHaveAttributeAsync("data-points", $"{SeedRuns.Steps}");
        var zoomedPoints = await card.GetByTestId("chart-canvas").GetAttributeAsync("data-points");

        await card.GetByTestId("chart-enlarge").ClickAsync();

        var enlarged = page.Page.GetByTestId("chart-enlarged");
        await Expect(enlarged).ToBeVisibleAsync();
        await Expect(page.Page).ToHaveURLAsync(new Regex($"[?&]chart={SeedRuns.Loss}(&|$)"));
        await Expect(enlarged.GetByTestId("chart-zoom-state")).ToHaveTextAsync("zoomed (full resolution)");
        await Expect(enlarged.GetByTestId("chart-canvas")).ToHaveAttributeAsync("data-points", zoomedPoints!);
        await Expect(enlarged.GetByTestId("chart-log-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        var size = await enlarged.GetByTestId("chart-canvas").BoundingBoxAsync();
        Assert.True(size is { Width: > 1200, Height: > 600 }, $"The enlarged chart is {size?.Width} × {size?.Height}.");
        await page.ScreenshotAsync("enlarged");

        await page.Page.Keyboard.PressAsync("Escape");

        await Expect(enlarged).ToHaveCountAsync(0);
        await Expect(page.Page).Not.ToHaveURLAsync(new Regex("[?&]chart="));
        await Expect(card.GetByTestId("chart-enlarge")).ToBeFocusedAsync();

        // From the keyboard, and back with the button.
        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(enlarged).ToBeVisibleAsync();
        await enlarged.GetByTestId("chart-enlarge").ClickAsync();
        await Expect(enlarged).ToHaveCountAsync(0);
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task EnlargedChart_OpensFromALink_WithSmoothingAndLogScale()
    {
        var query = $"{Only([SeedRuns.RecentA])}&smooth=0.6&log={SeedRuns.Loss}&chart={SeedRuns.Loss}";
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, query);

        var enlarged = page.Page.GetByTestId("chart-enlarged");
        await Expect(enlarged).ToBeVisibleAsync();
        await Expect(enlarged.GetByTestId("chart-canvas")).ToHaveAttributeAsync("data-points", $"{SeedRuns.Steps}");
        await Expect(enlarged.GetByTestId("chart-log-toggle")).ToHaveAttributeAsync("aria-pressed", "true");
        // With smoothing the tooltip gives the smoothed value and, in brackets, the raw one.
        await ChartPointer.TooltipAtAsync(page.Page, enlarged, 0.5f, 0.5f, 1);
        await Expect(enlarged.GetByTestId("chart-tooltip-row")).ToContainTextAsync("(");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task MetricXAxis_PlotsEachRunAgainstItsOwnMetric_CountingPointsWithoutOne()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, Only([SeedRuns.RecentA, SeedRuns.Resumed]));
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.Steps}");

        await page.Page.GetByTestId("xaxis-metric").SelectOptionAsync(SeedRuns.ProgressPercent);

        await Expect(page.Page).ToHaveURLAsync(new Regex($"[?&]x=metric%3A{Regex.Escape(SeedRuns.ProgressPercent)}(&|$)"));
        var canvas = page.Canvas(SeedRuns.Loss);
        await Expect(canvas).ToHaveAttributeAsync("data-x-title", SeedRuns.ProgressPercent);
        await Expect(canvas).ToHaveAttributeAsync("data-points", $"{SeedRuns.Steps}");
        await Expect(canvas).ToHaveAttributeAsync("data-points-without-x", "0");
        // The resumed run writes no progress metric: none of its points has an x.
        var resumed = page.Canvas(SeedRuns.ResumedLoss);
        await Expect(resumed).ToHaveAttributeAsync("data-points-without-x", $"{SeedRuns.ResumedOldSteps + SeedRuns.ResumedRecentSteps}");
        await Expect(resumed).ToHaveAttributeAsync("data-points", "0");
        var card = GridCard(page, SeedRuns.Loss);
        await ChartPointer.TooltipAtAsync(page.Page, card, 0.5f, 0.5f, 1);
        await Expect(card.Locator(".chart-tooltip-head")).ToContainTextAsync(SeedRuns.ProgressPercent);
        await page.ScreenshotAsync("metric-x");

        // A zoom fetches both metrics at full resolution and joins them again.
        await ChartPointer.DragAsync(page.Page, card, 0.25f, 0.5f);
        await Expect(card.GetByTestId("chart-zoom-state")).ToHaveTextAsync("zoomed (full resolution)");
        await Expect(canvas).ToHaveAttributeAsync("data-points", new Regex("^[1-9][0-9]?$"));
        await Expect(canvas).ToHaveAttributeAsync("data-points-without-x", "0");

        await page.Page.GetByTestId("xaxis-step").ClickAsync();
        await Expect(page.Page).Not.ToHaveURLAsync(new Regex("[?&]x="));
        await Expect(canvas).Not.ToHaveAttributeAsync("data-points-without-x", new Regex("."));
        Assert.Empty(page.Errors);
    }

    private static async Task SortAsync(DashboardPage page, string mode)
    {
        await page.Page.GetByTestId("tooltip-sort").SelectOptionAsync(mode);
        await Expect(page.Page).ToHaveURLAsync(new Regex($"[?&]tooltip={mode}(&|$)"));
    }

    /// <summary>The card of a metric in the tab's grid (not the enlarged copy).</summary>
    private static ILocator GridCard(DashboardPage page, string metric) =>
        page.Page.Locator($"[data-testid='metric-group'] [data-testid='chart-card'][data-metric='{metric}']");

    private static string Only(IEnumerable<string> runs) => "?runs=only" + string.Concat(runs.Select(r => "&run=" + Uri.EscapeDataString(r)));
}
