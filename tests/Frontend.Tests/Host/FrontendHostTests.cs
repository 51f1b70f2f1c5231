using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TestSupport.Processes;

namespace Frontend.Tests.Host;

public sealed class FrontendHostTests
{
    private const string Script = "console.log('the dashboard');\n";

    private static async Task<FrontendHost> StartWithAppAsync(CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        var root = FrontendHost.CreateWebRoot();
        var web = Path.Combine(root, "wwwroot");
        await File.WriteAllTextAsync(Path.Combine(web, "index.html"), "<!doctype html><title>dashboard</title>", cancellationToken);
        var script = Path.Combine(web, "assets", "index-abc123.js");
        await File.WriteAllTextAsync(script, Script, cancellationToken);
        await using (var br = new BrotliStream(File.Create(script + ".br"), CompressionLevel.SmallestSize))
        {
            await br.WriteAsync(Encoding.UTF8.GetBytes(Script), cancellationToken);
        }
        await using (var gz = new GZipStream(File.Create(script + ".gz"), CompressionLevel.SmallestSize))
        {
            await gz.WriteAsync(Encoding.UTF8.GetBytes(Script), cancellationToken);
        }
        return await FrontendHost.StartAsync(root, cancellationToken, settings);
    }

    private static HttpRequestMessage Get(string path, params string[] encodings)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var encoding in encodings)
        {
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        }
        return request;
    }

    [Theory]
    [InlineData(new[] { "gzip", "br" }, "br")]
    [InlineData(new[] { "gzip" }, "gzip")]
    public async Task HashedAsset_IsServedPrecompressedAndImmutable_WhenTheBrowserAcceptsTheEncoding(string[] accepted, string expected)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await StartWithAppAsync(cancellationToken);

        using var response = await host.Client.SendAsync(Get("/assets/index-abc123.js", accepted), cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        using var decoded = new MemoryStream();
        await using (Stream decompress = expected == "br"
            ? new BrotliStream(new MemoryStream(body), CompressionMode.Decompress)
            : new GZipStream(new MemoryStream(body), CompressionMode.Decompress))
        {
            await decompress.CopyToAsync(decoded, cancellationToken);
        }
        Assert.Equal(Script, Encoding.UTF8.GetString(decoded.ToArray()));
    }

    [Fact]
    public async Task HashedAsset_IsServedPlain_WhenTheBrowserAcceptsNoEncoding()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await StartWithAppAsync(cancellationToken);

        using var response = await host.Client.SendAsync(Get("/assets/index-abc123.js"), cancellationToken);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal(Script, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/some/client/view")]
    public async Task IndexHtml_IsServedUncached_ForEveryClientPath(string path)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await StartWithAppAsync(cancellationToken);

        using var response = await host.Client.SendAsync(Get(path, "br"), cancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>dashboard</title>", await response.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingAsset_Is404_NotTheIndex()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await StartWithAppAsync(cancellationToken);

        using var response = await host.Client.SendAsync(Get("/assets/index-gone.js"), cancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AppConfig_CarriesTitleAndTabRules_FromConfiguration()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await StartWithAppAsync(cancellationToken, new Dictionary<string, string?>
        {
            ["Dashboard:Title"] = "ICON runs",
            ["Dashboard:TabRules:0:Tab"] = "system",
            ["Dashboard:TabRules:0:Prefixes:0"] = "hw.",
            ["Dashboard:TabRules:0:Prefixes:1"] = "node/",
        });

        using var response = await host.Client.SendAsync(Get("/app-config.json"), cancellationToken);

        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.Equal("""{"title":"ICON runs","tab_rules":[{"tab":"system","prefixes":["hw.","node/"]}]}""",
            await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [Fact]
    public async Task Start_Fails_NamingTheKey_WhenATabRuleIsInvalid()
    {
        // The real process: a start that fails is where WebApplicationFactory can lose the exception to its own race.
        var output = await ServiceProcess.RefusedStartAsync("Frontend", new Dictionary<string, string?>
        {
            ["Dashboard__TabRules__0__Tab"] = "gpus",
            ["Dashboard__TabRules__0__Prefixes__0"] = "gpu",
            ["Dashboard__TabRules__1__Tab"] = "model",
        });

        Assert.Contains("Dashboard__TabRules__0__Tab must be one of training, model, system, checkpoints, progress (was 'gpus').", output, StringComparison.Ordinal);
        Assert.Contains("Dashboard__TabRules__1__Prefixes must list at least one non-empty prefix", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_IsUnhealthy_WhenTheAppWasNotBuilt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var host = await FrontendHost.StartAsync(FrontendHost.CreateWebRoot(), cancellationToken);

        using var response = await host.Client.GetAsync("/health", cancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("index.html is missing", await response.Content.ReadAsStringAsync(cancellationToken), StringComparison.Ordinal);
    }
}
