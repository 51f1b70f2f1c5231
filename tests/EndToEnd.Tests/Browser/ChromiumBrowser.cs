using Microsoft.Playwright;

namespace EndToEnd.Tests.Browser;

/// <summary>
/// One headless Chromium for the test assembly: the system's own (Debian's <c>chromium</c>, which CI installs with
/// apt), driven by Playwright. Playwright's browser download is never used: the executable is given and the
/// download is switched off. Each test opens its own context, so no cookie, storage or view leaks between tests.
/// </summary>
public sealed class ChromiumBrowser : IAsyncLifetime
{
    /// <summary>Where the browser is; <c>CHROMIUM</c> overrides it, as for the frontend's measuring scripts.</summary>
    public static string ExecutablePath { get; } = Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException(
                $"{ExecutablePath} is missing: the browser tests need Chromium (apt-get install chromium; .ci/run installs it), or CHROMIUM=<path>.");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        // Waits in these tests are expectations on the page; a slow, shared two-core machine gets time, a broken page still fails.
        Assertions.SetDefaultExpectTimeout(20_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
    }
}
