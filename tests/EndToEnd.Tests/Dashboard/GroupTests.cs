using System.Text.RegularExpressions;
using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class GroupTests(DashboardStack stack, ChromiumBrowser browser)
{
    private const int Steps = 10;

    [Fact]
    public async Task NamePattern_DrawsAGroupAsOneMeanLine_ExpandsToItsRuns_AndIsKeptInTheUrl()
    {
        var runs = new OwnRuns(stack, "group");
        await runs.WriteAsync("lrA-seed1", Line(s => s));
        await runs.WriteAsync("lrA-seed2", Line(s => 3 * s));
        await runs.WriteAsync("lrB-seed1", Line(_ => 10));
        var all = string.Join(' ', new[] { "lrA-seed1", "lrA-seed2", "lrB-seed1" }.Select(runs.Id));
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query());
        var canvas = page.Canvas(runs.Metric);
        await Expect(canvas).ToHaveAttributeAsync("data-points", $"{3 * Steps}");
        await Expect(canvas).ToHaveAttributeAsync("data-groups", "");

        await page.Page.GetByTestId("group-by").SelectOptionAsync("pattern");
        await page.Page.GetByTestId("group-pattern").FillAsync(@"-(lr\w)-seed\d+$");

        // Two groups, one line each, from the three runs: the two runs of lrA share their steps, so 10 means.
        await Expect(canvas).ToHaveAttributeAsync("data-groups", "lrA lrB");
        await Expect(canvas).ToHaveAttributeAsync("data-runs", all);
        await Expect(canvas).ToHaveAttributeAsync("data-points", $"{2 * Steps}");
        await Expect(page.GroupItem("lrA")).ToContainTextAsync("lrA (2)");
        // The latest values name what is drawn: each group's mean (lrA: the mean of 9 and 27 at the last step), not its runs.
        await Expect(page.LatestValues(runs.Metric)).ToHaveCountAsync(2);
        await Expect(page.GroupLatestValue(runs.Metric, "lrA")).ToHaveTextAsync("18");
        await Expect(page.GroupLatestValue(runs.Metric, "lrA")).ToHaveAttributeAsync("title", "lrA (mean of 2) at step 9");
        await Expect(page.GroupLatestValue(runs.Metric, "lrB")).ToHaveTextAsync("10");
        await Expect(page.LatestValue(runs.Metric, runs.Id("lrA-seed1"))).ToHaveCountAsync(0);
        await page.Canvas(runs.Metric).Locator(".u-over").HoverAsync();
        await Expect(canvas.Locator(".chart-tooltip")).ToContainTextAsync("lrA (2 runs)");
        await page.ScreenshotAsync("grouped");

        await page.Page.GetByTestId("group-band-minmax").ClickAsync();
        await page.GroupExpand("lrA").ClickAsync();

        await Expect(canvas).ToHaveAttributeAsync("data-groups", "lrB");
        await Expect(canvas).ToHaveAttributeAsync("data-runs", all);
        await Expect(canvas).ToHaveAttributeAsync("data-points", $"{3 * Steps}");
        await Expect(page.GroupExpand("lrA")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.LatestValue(runs.Metric, runs.Id("lrA-seed2"))).ToHaveTextAsync("27");
        await Expect(page.GroupLatestValue(runs.Metric, "lrA")).ToHaveCountAsync(0);
        await Expect(page.GroupLatestValue(runs.Metric, "lrB")).ToHaveTextAsync("10");
        await page.ScreenshotAsync("expanded");
        await Expect(page.Page).ToHaveURLAsync(new Regex("[?&]gpattern=.*[?&]gband=minmax&gopen=lrA"));

        await page.Page.ReloadAsync();

        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-groups", "lrB");
        await Expect(page.Page.GetByTestId("group-band-minmax")).ToHaveAttributeAsync("aria-checked", "true");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task HiddenRun_LeavesItsGroup_AndAGroupOfNoShownRunIsNotDrawn()
    {
        var runs = new OwnRuns(stack, "ghide");
        await runs.WriteAsync("a-seed1", Line(s => s));
        await runs.WriteAsync("a-seed2", Line(s => 2 * s));
        await runs.WriteAsync("b-seed1", Line(_ => 1));
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query("&gpattern=" + Uri.EscapeDataString(@"-(\w)-seed\d$")));
        var canvas = page.Canvas(runs.Metric);
        await Expect(canvas).ToHaveAttributeAsync("data-groups", "a b");

        await page.Badge(runs.Id("a-seed2")).ClickAsync();

        await Expect(canvas).ToHaveAttributeAsync("data-runs", $"{runs.Id("a-seed1")} {runs.Id("b-seed1")}");
        await page.Badge(runs.Id("b-seed1")).ClickAsync();
        await Expect(canvas).ToHaveAttributeAsync("data-groups", "a");
        await Expect(canvas).ToHaveAttributeAsync("data-points", $"{Steps}");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task ConfigKey_GroupsRunsByItsValue()
    {
        var runs = new OwnRuns(stack, "gconfig");
        // A config key of this test's own, so that runs of other tests with the same values stay out of its groups.
        var key = runs.Prefix;
        await runs.WriteAsync("r1", Line(s => s), $$"""{"{{key}}":"adam"}""");
        await runs.WriteAsync("r2", Line(s => 2 * s), $$"""{"{{key}}":"adam"}""");
        await runs.WriteAsync("r3", Line(_ => 1), $$"""{"{{key}}":"sgd"}""");
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query());
        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-points", $"{3 * Steps}");
        var groupBy = page.Page.GetByTestId("group-by");
        await Expect(groupBy.Locator($"option[value='config:{key}']")).ToHaveCountAsync(1, new() { Timeout = RunsTableTests.ConfigArrival });

        await groupBy.SelectOptionAsync($"config:{key}");

        // Every other run of the dashboard lacks the key and stays on its own (and is not in this chart).
        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-groups", "adam sgd");
        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-points", $"{2 * Steps}");
        await Expect(page.GroupItem("adam")).ToContainTextAsync("adam (2)");
        await Expect(page.Page).ToHaveURLAsync(new Regex($"[?&]group={key}"));
        Assert.Empty(page.Errors);
    }

    private static double[] Line(Func<int, double> value) => [.. Enumerable.Range(0, Steps).Select(value)];
}
