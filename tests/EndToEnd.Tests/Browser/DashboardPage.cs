using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace EndToEnd.Tests.Browser;

/// <summary>
/// The dashboard open in a fresh browser context, addressed through the <c>data-testid</c>s of docs/frontend.md.
/// At dispose it keeps a screenshot named after the test (passed or failed) and closes the context.
/// </summary>
public sealed class DashboardPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _name;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<IResponse> _responses = new();

    private DashboardPage(IBrowserContext context, IPage page, string name)
    {
        _context = context;
        Page = page;
        _name = name;
        page.PageError += (_, error) => _errors.Enqueue(error);
        page.Response += (_, response) => _responses.Enqueue(response);
    }

    public IPage Page { get; }

    /// <summary>Uncaught script errors the page raised.</summary>
    public IReadOnlyCollection<string> Errors => _errors;

    /// <summary>Every answer the page and its stream worker received, in order.</summary>
    public IReadOnlyCollection<IResponse> Responses => _responses;

    public ILocator ConnectionStatus => Page.GetByTestId("connection-status");

    public ILocator Badges => Page.GetByTestId("run-badge");

    public ILocator ChartCards => Page.GetByTestId("chart-card");

    /// <param name="query">The view in the URL (docs/frontend.md), e.g. "?tab=system&amp;runs=only&amp;run=r1".</param>
    /// <param name="viewport">The window's size; a desktop's 1440 × 1000 when not given.</param>
    public static async Task<DashboardPage> OpenAsync(ChromiumBrowser browser, Uri gateway, string query = "", ViewportSize? viewport = null)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = gateway.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await context.NewPageAsync();
        var name = TestContext.Current.Test?.TestCase.TestMethodName ?? "page";
        var dashboard = new DashboardPage(context, page, name);
        await page.GotoAsync("/" + query);
        return dashboard;
    }

    public ILocator Badge(string runId) => Page.Locator($"[data-testid='run-badge'][data-run='{runId}']");

    public ILocator TableRows => Page.GetByTestId("runs-table-row");

    public ILocator TableRow(string runId) => Page.Locator($"[data-testid='runs-table-row'][data-run='{runId}']");

    /// <summary>A runs-table column header (a button inside sorts); <paramref name="column"/> as in docs/frontend.md.</summary>
    public ILocator TableHeader(string column) => Page.Locator($"[data-testid='runs-table-header'][data-column='{column}']");

    public ILocator TableFilter(string column) => Page.Locator($"[data-testid='runs-table-filter'][data-column='{column}']");

    /// <summary>The colour input of a run, in the badges or the table, whichever is shown.</summary>
    public ILocator RunColor(string runId) => Page.Locator($"[data-testid='run-color'][data-run='{runId}']");

    public ILocator GroupItem(string group) => Page.Locator($"[data-testid='group-item'][data-group='{group}']");

    public ILocator GroupExpand(string group) => Page.Locator($"[data-testid='group-expand'][data-group='{group}']");

    public ILocator Tab(string tab) => Page.GetByTestId("tab-" + tab);

    public ILocator Card(string metric) => Page.Locator($"[data-testid='chart-card'][data-metric='{metric}']");

    /// <summary>The chart area of a metric's card; <c>data-runs</c> and <c>data-points</c> say what it draws.</summary>
    public ILocator Canvas(string metric) => Card(metric).GetByTestId("chart-canvas");

    /// <summary>The latest value a card shows for one run.</summary>
    public ILocator LatestValue(string metric, string runId) => Card(metric).Locator($"[data-testid='chart-latest-value'][data-run='{runId}']");

    /// <summary>The latest value a card shows for a collapsed group's mean line.</summary>
    public ILocator GroupLatestValue(string metric, string group) => Card(metric).Locator($"[data-testid='chart-latest-value'][data-group='{group}']");

    /// <summary>Every entry of a card's latest-value line, in the order shown.</summary>
    public ILocator LatestValues(string metric) => Card(metric).GetByTestId("chart-latest-value");

    public Task ScreenshotAsync(string step) => Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor($"{_name}-{step}") });

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshots.PathFor(_name), Timeout = 10_000 });
        }
        catch (PlaywrightException)
        {
            // A page that is gone has nothing to show; the test's own failure says why.
        }
        await _context.CloseAsync();
    }
}
