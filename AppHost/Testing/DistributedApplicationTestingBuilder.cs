using System.Globalization;
using AppHost.Hosting;
using AppHost.Processes;
using Microsoft.Extensions.Configuration;

namespace AppHost.Testing;

/// <summary>
/// Starts the real graph for a test, with the shape of Aspire.Hosting.Testing: every port random (the gateway's
/// fixed port too), a temporary data directory removed at dispose, no dashboard, OTLP pointed at a loopback port where
/// nothing listens, and child output discarded unless a writer is given. Callers bound every wait with a token.
/// </summary>
public sealed class DistributedApplicationTestingBuilder
{
    private readonly string dataDirectory;

    private DistributedApplicationTestingBuilder(DistributedApplicationBuilder builder, string dataDirectory)
    {
        Builder = builder;
        this.dataDirectory = dataDirectory;
    }

    public DistributedApplicationBuilder Builder { get; }

    public IConfigurationManager Configuration => Builder.Configuration;

    public static Task<DistributedApplicationTestingBuilder> CreateAsync<TDefinition>(CancellationToken cancellationToken = default)
        where TDefinition : IDistributedApplicationDefinition =>
        CreateAsync<TDefinition>([], settings: null, output: null, cancellationToken);

    /// <param name="args">Command-line arguments, as AppHost's Main would get them.</param>
    /// <param name="settings">Configuration that wins over the test defaults (<c>AppHost:StreamApiReplicas</c>, ...).</param>
    /// <param name="output">Where children's prefixed output goes; discarded when null.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    public static Task<DistributedApplicationTestingBuilder> CreateAsync<TDefinition>(string[] args, IDictionary<string, string?>? settings,
        TextWriter? output, CancellationToken cancellationToken = default)
        where TDefinition : IDistributedApplicationDefinition
    {
        cancellationToken.ThrowIfCancellationRequested();
        var dataDirectory = Directory.CreateTempSubdirectory("apphost-test-").FullName;
        Dictionary<string, string?> defaults = new()
        {
            ["AppHost:GatewayPort"] = "0",
            ["AppHost:DataDirectory"] = dataDirectory,
            ["AppHost:OtlpEndpoint"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            ["AppHost:StopTimeout"] = "00:00:05",
            ["AppHost:StartupTimeout"] = "00:01:00",
            ["AppHost:HealthCheckInterval"] = "00:00:01",
        };
        var builder = DistributedApplication.CreateBuilder(args, configuration =>
        {
            configuration.AddInMemoryCollection(defaults);
            if (settings is not null)
            {
                configuration.AddInMemoryCollection(settings);
            }
        }, output is null ? ConsoleOutput.Discard() : new ConsoleOutput(output, useColour: false));
        TDefinition.DefineResources(builder);
        return Task.FromResult(new DistributedApplicationTestingBuilder(builder, dataDirectory));
    }

    public Task<DistributedApplication> BuildAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var app = Builder.Build();
        app.Disposed += () =>
        {
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a dying child; the directory is under the temp directory anyway.
            }
        };
        return Task.FromResult(app);
    }
}
