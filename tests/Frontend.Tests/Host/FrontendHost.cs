using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Frontend.Tests.Host;

/// <summary>
/// The Frontend host in-process on a free loopback port, wired as its Program.cs wires it, serving a wwwroot in a
/// temporary directory that each test fills with the files it needs.
/// </summary>
public sealed class FrontendHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FrontendHost(WebApplication app, string root)
    {
        _app = app;
        Root = root;
        Client = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.None })
        {
            BaseAddress = new Uri(app.Urls.Single()),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Root { get; }

    public HttpClient Client { get; }

    public static string CreateWebRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "frontend-host-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "wwwroot", "assets"));
        return root;
    }

    public static WebApplication Build(string root, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = root,
            WebRootPath = Path.Combine(root, "wwwroot"),
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();

        builder.AddServiceDefaults();
        builder.AddFrontend();
        var app = builder.Build();
        app.UseFrontend();
        app.MapDefaultEndpoints();
        app.MapFrontend();
        return app;
    }

    public static async Task<FrontendHost> StartAsync(string root, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        var app = Build(root, settings);
        await app.StartAsync(cancellationToken);
        return new FrontendHost(app, root);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
