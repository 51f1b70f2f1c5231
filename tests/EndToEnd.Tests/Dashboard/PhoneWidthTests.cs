using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class PhoneWidthTests(DashboardStack stack, ChromiumBrowser browser)
{
    private const int PhoneWidth = 390;

    /// <summary>Elements that reach past the window's right edge, widest first: what to fix when the page is too wide.</summary>
    private const string Overflowing = """
        width => Array.from(document.querySelectorAll('body *'))
          .map(e => ({ e, right: e.getBoundingClientRect().right }))
          .filter(x => x.right > width + 0.5)
          .sort((a, b) => b.right - a.right)
          .slice(0, 8)
          .map(x => `${x.e.tagName.toLowerCase()}.${x.e.className}[${x.e.dataset.testid ?? ''}] right=${Math.round(x.right)}`)
        """;

    [Fact]
    public async Task EveryTab_FitsAPhoneWidth_WithoutScrollingSideways()
    {
        // One chart per chart tab, and each brought into view: charts mount only near the viewport, and on a phone the
        // runs (other tests' too) fill the first screens.
        var charts = Uri.EscapeDataString($"^({SeedRuns.Loss}|{SeedRuns.MoeAuxLoss}|{SeedRuns.GpuUtil})$");
        var query = $"?arun={Uri.EscapeDataString(stack.LogDirectory.RunId)}&filter={charts}";
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress, query, new ViewportSize { Width = PhoneWidth, Height = 844 });
        var shown = new Dictionary<string, ILocator>
        {
            ["training"] = page.Canvas(SeedRuns.Loss),
            ["model"] = page.Canvas(SeedRuns.MoeAuxLoss),
            ["system"] = page.Canvas(SeedRuns.GpuUtil),
            ["checkpoints"] = page.Page.GetByTestId("checkpoint-row").First,
            ["progress"] = page.Page.GetByTestId("progress-run").First,
            ["analytics"] = page.Page.GetByTestId("analytics-statistics"),
        };

        foreach (var (tab, content) in shown)
        {
            await page.Tab(tab).ClickAsync();
            await Expect(page.Page.GetByTestId("tab-panel-" + tab)).ToBeVisibleAsync();
            await page.Page.GetByTestId("tab-panel-" + tab).ScrollIntoViewIfNeededAsync();
            await Expect(content).ToBeVisibleAsync();
            if (tab is "training" or "model" or "system")
            {
                await Expect(content).ToHaveAttributeAsync("data-points", new System.Text.RegularExpressions.Regex("^[1-9]"));
            }
            await page.ScreenshotAsync(tab);

            var width = await page.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            var culprits = width > PhoneWidth ? await page.Page.EvaluateAsync<string[]>(Overflowing, PhoneWidth) : [];
            Assert.True(width <= PhoneWidth, $"The {tab} tab is {width} px wide at {PhoneWidth} px: {string.Join("; ", culprits)}");
        }
        Assert.Empty(page.Errors);
    }
}
