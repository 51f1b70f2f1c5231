using EndToEnd.Tests.Browser;
using EndToEnd.Tests.Stack;
using static Microsoft.Playwright.Assertions;

namespace EndToEnd.Tests.Dashboard;

public sealed class EmptyStateTests(UnconfiguredStack stack, ChromiumBrowser browser) : IClassFixture<UnconfiguredStack>
{
    /// <summary>Needs StreamApi's <c>/api/health</c> to say <c>"status":"unconfigured"</c> and <c>"configured_sources":[]</c> (docs/protocol.md).</summary>
    [Fact]
    public async Task Page_SaysWhichSettingsToGive_WhenNoSourceIsConfigured()
    {
        await using var page = await DashboardPage.OpenAsync(browser, stack.GatewayAddress);

        var guidance = page.Page.GetByTestId("empty-guidance");
        await Expect(guidance).ToBeVisibleAsync();
        await Expect(guidance).ToContainTextAsync("ConnectionStrings__clickhouse");
        await Expect(guidance).ToContainTextAsync("LogDirectorySource__Directories__0");
        await Expect(guidance).ToContainTextAsync("docs/configuration.md");
        await Expect(page.Badges).ToHaveCountAsync(0);
        Assert.Empty(page.Errors);
    }
}
