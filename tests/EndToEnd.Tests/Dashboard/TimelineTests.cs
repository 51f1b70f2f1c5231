using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class TimelineTests(DashboardStack stack, ChromiumBrowser browser)
{
    [Fact]
    public async Task Timeline_LeavesOutRunsOlderThanTheRange_AndShowsThemAgainUnderAll()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);
        var all = string.Join(' ', SeedRuns.RunIds.Order(StringComparer.Ordinal));
        var recent = $"{SeedRuns.RecentA} {SeedRuns.RecentB}";
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", all);

        await page.Page.GetByTestId("timeline-1h").ClickAsync();

        await Expect(page.Page.GetByTestId("timeline-1h")).ToHaveAttributeAsync("aria-checked", "true");
        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToHaveCountAsync(0);
        await Expect(page.Badge(SeedRuns.RecentA)).ToBeVisibleAsync();
        await Expect(page.Badge(stack.LogDirectory.RunId)).ToBeVisibleAsync();
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", recent);
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", $"{2 * SeedRuns.Steps}");
        // The page writes the view to the URL a moment after it changes, so a link shared now keeps the range.
        await Expect(page.Page).ToHaveURLAsync(new Regex(@"[?&]range=1h(&|$)"));
        await page.ScreenshotAsync("1h");

        // Three hours old is inside six hours.
        await page.Page.GetByTestId("timeline-6h").ClickAsync();

        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToBeVisibleAsync();
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", all);

        await page.Page.GetByTestId("timeline-1h").ClickAsync();
        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToHaveCountAsync(0);

        await page.Page.GetByTestId("timeline-all").ClickAsync();

        await Expect(page.Badge(SeedRuns.ThreeHoursOld)).ToBeVisibleAsync();
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-runs", all);
        await Expect(page.Canvas(SeedRuns.Loss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.RunIds.Count * SeedRuns.Steps}");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Timeline_DrawsOnlyThePointsInsideTheRange_OfARunThatSpansLonger()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, $"?runs=only&run={SeedRuns.Resumed}");
        await Expect(page.Canvas(SeedRuns.ResumedLoss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.ResumedOldSteps + SeedRuns.ResumedRecentSteps}");

        await page.Page.GetByTestId("timeline-1h").ClickAsync();

        await Expect(page.Canvas(SeedRuns.ResumedLoss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.ResumedRecentSteps}");
        await Expect(page.Badge(SeedRuns.Resumed)).ToBeVisibleAsync();

        await page.Page.GetByTestId("timeline-all").ClickAsync();

        await Expect(page.Canvas(SeedRuns.ResumedLoss)).ToHaveAttributeAsync("data-points", $"{SeedRuns.ResumedOldSteps + SeedRuns.ResumedRecentSteps}");
        Assert.Empty(page.Errors);
    }
}
