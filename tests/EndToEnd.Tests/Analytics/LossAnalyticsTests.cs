using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Analytics;

public sealed class LossAnalyticsTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task LossAnalytics_ShowTheLogDirectoryRun_WithTheStatisticsOfItsLogFiles()
    {
        var run = stack.LogDirectory;
        var expected = new LossStatistics(run.Timesteps);
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);
        await page.Tab("analytics").ClickAsync();
        await page.Page.GetByTestId("analytics-run").SelectOptionAsync(run.RunId);
        // The page writes its query as a form does (URLSearchParams): a space in the run id is '+'.
        await Expect(page.Page).ToHaveURLAsync(new Regex("[?&]arun=" + Regex.Escape(WebUtility.UrlEncode(run.RunId)) + "(&|$)"));

        await Expect(page.Page.GetByTestId("analytics-shown-run")).ToContainTextAsync(run.RunId);
        await Expect(page.Page.GetByTestId("analytics-card-current-loss-value")).ToHaveTextAsync(DisplayedValue.Of(run.Timesteps[^1][^1]));
        await Expect(page.Page.GetByTestId("analytics-card-current-loss")).ToContainTextAsync($"timestep {run.TimestepNames[^1]}");
        await Expect(page.Page.GetByTestId("analytics-card-mean-loss-value")).ToHaveTextAsync(DisplayedValue.Of(expected.Mean));
        await Expect(page.Page.GetByTestId("analytics-card-mean-loss")).ToContainTextAsync($"± {DisplayedValue.Of(expected.Std)} over {expected.Count} batches");
        await Expect(page.Page.GetByTestId("analytics-card-timesteps-value")).ToHaveTextAsync($"{run.Timesteps.Count}");
        await Expect(page.Page.GetByTestId("analytics-card-trend-value")).ToHaveTextAsync("↘ decreasing");
        await Expect(page.Page.GetByTestId("analytics-card-trend"))
            .ToContainTextAsync($"improvement {DisplayedValue.Percent((expected.First - expected.Last) / expected.First * 100)}");

        var statistics = page.Page.GetByTestId("analytics-statistics");
        await ExpectStatisticAsync(statistics, "count", expected.Count.ToString(CultureInfo.InvariantCulture));
        await ExpectStatisticAsync(statistics, "non-finite", "0 NaN · 0 +Inf · 0 −Inf");
        await ExpectStatisticAsync(statistics, "mean", DisplayedValue.Of(expected.Mean));
        await ExpectStatisticAsync(statistics, "std", DisplayedValue.Of(expected.Std));
        await ExpectStatisticAsync(statistics, "min", DisplayedValue.Of(expected.Min));
        await ExpectStatisticAsync(statistics, "max", DisplayedValue.Of(expected.Max));
        foreach (var percent in new[] { 25, 50, 75, 90, 95, 99 })
        {
            await ExpectStatisticAsync(statistics, $"p{percent}", DisplayedValue.Of(expected.Percentile(percent)));
        }
        await ExpectStatisticAsync(statistics, "trend", $"decreasing (slope {DisplayedValue.Of(expected.Slope)} per batch)");
        await ExpectStatisticAsync(statistics, "first", DisplayedValue.Of(expected.First));
        await ExpectStatisticAsync(statistics, "last", DisplayedValue.Of(expected.Last));
        await ExpectStatisticAsync(statistics, "improvement",
            $"{DisplayedValue.Of(expected.First - expected.Last)} ({DisplayedValue.Percent((expected.First - expected.Last) / expected.First * 100)})");

        foreach (var chart in new[] { "analytics-history-chart", "analytics-std-chart", "analytics-batch-chart", "analytics-histogram" })
        {
            await Expect(page.Page.GetByTestId(chart).Locator("canvas").First).ToBeVisibleAsync();
        }
        await Expect(page.Page.GetByTestId("analytics-errors")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("latest");

        // One earlier timestep's batches instead of the latest.
        await page.Page.GetByTestId("analytics-timestep").SelectOptionAsync(run.TimestepNames[1].Replace(' ', 'T'));
        await Expect(page.Page.GetByText($"Loss distribution ({run.Timesteps[1].Count} batches)")).ToBeVisibleAsync();
        Assert.Empty(page.Errors);
    }

    private static Task ExpectStatisticAsync(ILocator table, string statistic, string text) =>
        Expect(table.Locator($"tr[data-stat='{statistic}'] td")).ToHaveTextAsync(text);
}
