using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using TestSupport.ClickHouse;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

/// <summary>What a trainer logs beside its values in ClickHouse (a metric's unit, a milestone's name) shown where it belongs.</summary>
public sealed class RunSettingsTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Chart_LabelsItsYAxisAndLatestValue_WithTheMetricsUnit()
    {
        var runs = new OwnRuns(stack, "unit");
        var now = DateTimeOffset.UtcNow;
        await stack.InsertAsync(Enumerable.Range(0, 5).Select(step =>
            new TestMetricPoint(runs.Id("a"), runs.Metric, step, 1000 + step, now.AddSeconds(step - 5), Unit: "tokens/s")));
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query());

        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-y-title", "tokens/s", new() { Timeout = RunsTableTests.ConfigArrival });
        await Expect(page.LatestValue(runs.Metric, runs.Id("a"))).ToContainTextAsync("tokens/s");
        await page.ScreenshotAsync("unit");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task ProgressTab_NamesARunsLatestMilestone_AndListsThemAll()
    {
        var runs = new OwnRuns(stack, "milestone");
        var run = runs.Id("a");
        var now = DateTimeOffset.UtcNow;
        await runs.WriteAsync("a", [3.0, 2.0, 1.5, 1.2, 1.1]);
        await stack.InsertAsync(
            new TestMetricPoint(run, "progress.milestone", 1, 1, now.AddSeconds(-3), TagsJson: """{"milestone":"warmup done"}"""),
            new TestMetricPoint(run, "progress.milestone", 3, 1, now.AddSeconds(-1), TagsJson: """{"milestone":"lr decay"}"""));
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, "?tab=progress");
        var row = page.Page.Locator($"[data-testid='progress-run'][data-run='{run}']");

        await Expect(row.GetByTestId("milestone-name")).ToHaveTextAsync("lr decay", new() { Timeout = RunsTableTests.ConfigArrival });
        await row.GetByTestId("milestone-name").ClickAsync();
        await Expect(row.GetByTestId("milestone-entry")).ToHaveCountAsync(2);
        await Expect(row.GetByTestId("milestone-entry").First).ToContainTextAsync("lr decay");
        await page.ScreenshotAsync("milestones");
        Assert.Empty(page.Errors);
    }
}
