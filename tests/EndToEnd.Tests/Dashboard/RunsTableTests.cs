using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class RunsTableTests(DashboardStack stack, ChromiumBrowser browser)
{
    /// <summary>Patience for a run's config to reach its RunMeta: the stack reads run metadata every second.</summary>
    internal const float ConfigArrival = 20_000;

    [Fact]
    public async Task Table_SortsByAHeader_ReversesOnTheSecondClick_AndFiltersByAColumn()
    {
        var runs = new OwnRuns(stack, "table");
        // Latest steps 29, 4 and 11: the name order and the step order differ, and "run-10" sorts after "run-2".
        await runs.WriteAsync("run-2", Values(30));
        await runs.WriteAsync("run-10", Values(5));
        await runs.WriteAsync("run-1", Values(12));
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query());
        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-points", "47");

        await page.Page.GetByTestId("runs-view-table").ClickAsync();
        await page.TableFilter("name").FillAsync(runs.Prefix);

        await Expect(page.TableRows).ToHaveCountAsync(3);
        await page.TableHeader("name").ClickAsync();
        await ExpectRowsAsync(page, runs.Id("run-1"), runs.Id("run-2"), runs.Id("run-10"));
        await Expect(page.TableHeader("name")).ToHaveAttributeAsync("aria-sort", "ascending");
        await page.TableHeader("name").ClickAsync();
        await ExpectRowsAsync(page, runs.Id("run-10"), runs.Id("run-2"), runs.Id("run-1"));
        await Expect(page.TableHeader("name")).ToHaveAttributeAsync("aria-sort", "descending");
        await page.ScreenshotAsync("sorted-by-name");

        // The keyboard: Enter sorts by the focused header, Space reverses it.
        await page.TableHeader("step").GetByRole(AriaRole.Button).FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await ExpectRowsAsync(page, runs.Id("run-10"), runs.Id("run-1"), runs.Id("run-2"));
        await page.Page.Keyboard.PressAsync("Space");
        await ExpectRowsAsync(page, runs.Id("run-2"), runs.Id("run-1"), runs.Id("run-10"));
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]runsview=table.*[?&]sort=-step"));

        await page.TableFilter("step").FillAsync(">10");
        await ExpectRowsAsync(page, runs.Id("run-2"), runs.Id("run-1"));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task TableCheckbox_HidesTheRunFromTheChart_AndShowsItAgain()
    {
        var runs = new OwnRuns(stack, "hide");
        await runs.WriteAsync("a", Values(10));
        await runs.WriteAsync("b", Values(10));
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query("&runsview=table"));
        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-runs", $"{runs.Id("a")} {runs.Id("b")}");
        var toggle = page.TableRow(runs.Id("a")).GetByTestId("runs-table-toggle");

        await toggle.UncheckAsync();

        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-runs", runs.Id("b"));
        await Expect(page.TableRow(runs.Id("a"))).ToHaveClassAsync("off");
        await page.ScreenshotAsync("hidden");

        await toggle.CheckAsync();

        await Expect(page.Canvas(runs.Metric)).ToHaveAttributeAsync("data-runs", $"{runs.Id("a")} {runs.Id("b")}");
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task Table_HasAColumnPerConfigKey_ThatSortsNumericallyAndFilters()
    {
        var runs = new OwnRuns(stack, "config");
        await runs.WriteAsync("x", Values(5), """{"lr":0.01,"optimizer":"adamw"}""");
        await runs.WriteAsync("y", Values(5), """{"lr":0.0003,"optimizer":"sgd"}""");
        await runs.WriteAsync("z", Values(5), """{"lr":0.001,"optimizer":"adam"}""");
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, runs.Query("&runsview=table"));
        await page.TableFilter("name").FillAsync(runs.Prefix);

        // The source reads runs' config with the run metadata (every second in this stack), not on every poll.
        await Expect(page.TableRow(runs.Id("z")).Locator("[data-column='config.optimizer']")).ToHaveTextAsync("adam", new() { Timeout = ConfigArrival });
        await page.TableHeader("config.lr").ClickAsync();
        await ExpectRowsAsync(page, runs.Id("y"), runs.Id("z"), runs.Id("x"));
        await page.TableFilter("config.optimizer").FillAsync("ADAM");
        await ExpectRowsAsync(page, runs.Id("z"), runs.Id("x"));
        await page.TableFilter("config.lr").FillAsync("<0.005");
        await ExpectRowsAsync(page, runs.Id("z"));
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task RunSearch_IsACaseInsensitiveRegularExpression_AndPlainTextWithANotice_WhenInvalid()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);
        await Expect(page.Badge(SeedRuns.Resumed)).ToBeVisibleAsync();
        var search = page.Page.GetByTestId("run-search");

        await search.FillAsync("^LLM-RE(cent|sumed)");

        // RecentB is "llm/recent-b…": the anchored pattern leaves it out, as it leaves out the three-hour-old run.
        await Expect(page.Badges).ToHaveCountAsync(2);
        await Expect(page.Badge(SeedRuns.RecentA)).ToBeVisibleAsync();
        await Expect(page.Badge(SeedRuns.Resumed)).ToBeVisibleAsync();
        await Expect(page.Page.GetByTestId("run-search-notice")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("regex");

        await search.FillAsync("recent-b:50%,ü(");

        await Expect(page.Page.GetByTestId("run-search-notice")).ToContainTextAsync("plain text");
        await Expect(page.Badges).ToHaveCountAsync(0);
        await search.FillAsync("recent-b:50%,");
        await Expect(page.Badges).ToHaveCountAsync(1);
        await Expect(page.Badge(SeedRuns.RecentB)).ToBeVisibleAsync();
        Assert.Empty(page.Errors);
    }

    [Fact]
    public async Task RunColor_ChangesTheRunsColourInChartsBadgesAndTable_IsKeptInTheUrl_AndResets()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, "?filter=%5Eloss_t1%24");
        var swatch = page.LatestValue(SeedRuns.Loss, SeedRuns.RecentA).Locator(".swatch");
        await Expect(swatch).ToBeVisibleAsync();
        await Expect(swatch).Not.ToHaveCSSAsync("background-color", "rgb(255, 0, 0)");

        await page.RunColor(SeedRuns.RecentA).FillAsync("#ff0000");

        await Expect(swatch).ToHaveCSSAsync("background-color", "rgb(255, 0, 0)");
        await Expect(page.Badge(SeedRuns.RecentA)).ToHaveCSSAsync("border-top-color", "rgb(255, 0, 0)");
        await Expect(page.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]color=%23ff0000llm-recent-a"));
        await page.Page.GetByTestId("runs-view-table").ClickAsync();
        await Expect(page.TableRow(SeedRuns.RecentA).GetByTestId("run-color")).ToHaveValueAsync("#ff0000");
        await page.ScreenshotAsync("table");

        await page.Page.ReloadAsync();

        await Expect(page.LatestValue(SeedRuns.Loss, SeedRuns.RecentA).Locator(".swatch")).ToHaveCSSAsync("background-color", "rgb(255, 0, 0)");

        await page.Page.Locator($"[data-testid='run-color-reset'][data-run='{SeedRuns.RecentA}']").ClickAsync();

        await Expect(page.LatestValue(SeedRuns.Loss, SeedRuns.RecentA).Locator(".swatch")).Not.ToHaveCSSAsync("background-color", "rgb(255, 0, 0)");
        await Expect(page.Page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]color="));
        Assert.Empty(page.Errors);
    }

    private static double[] Values(int count) => [.. Enumerable.Range(0, count).Select(i => 1.0 / (i + 1))];

    private static async Task ExpectRowsAsync(DashboardPage page, params string[] runIds)
    {
        await Expect(page.TableRows).ToHaveCountAsync(runIds.Length);
        for (var i = 0; i < runIds.Length; i++)
        {
            await Expect(page.TableRows.Nth(i)).ToHaveAttributeAsync("data-run", runIds[i]);
        }
    }
}
