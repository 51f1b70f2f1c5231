extern alias frontend;

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using FrontendProgram = frontend::Program;

namespace Frontend.Tests.Host;

/// <summary>
/// The frontend's own application (its Program) on Kestrel at a free loopback port, serving a wwwroot in a temporary
/// directory that each test fills with the files it needs.
/// </summary>
public sealed class FrontendHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<FrontendProgram> _app;

    private FrontendHost(WebApplicationFactory<FrontendProgram> app, string root, Uri address)
    {
        _app = app;
        Root = root;
        Client = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = address,
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

    /// <summary>The application, not started yet: <see cref="WebApplicationFactory{T}.StartServer"/> starts it.</summary>
    public static WebApplicationFactory<FrontendProgram> Create(string root, IDictionary<string, string?>? settings = null)
    {
        var app = new WebApplicationFactory<FrontendProgram>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(Environments.Production);
            builder.UseContentRoot(root);
            builder.UseWebRoot(Path.Combine(root, "wwwroot"));
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                builder.UseSetting(key, value);
            }
            builder.ConfigureLogging(logging => logging.ClearProviders());
        });
        app.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        return app;
    }

    public static Task<FrontendHost> StartAsync(string root, CancellationToken cancellationToken, IDictionary<string, string?>? settings = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var app = Create(root, settings);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return Task.FromResult(new FrontendHost(app, root, new Uri(address)));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
        Directory.Delete(Root, recursive: true);
    }
}
