using System.Diagnostics.Metrics;
using Ingestor.Series;
using Ingestor.Sources.LogDirectory;
using Ingestor.Sources.LogDirectory.Health;
using Ingestor.Sources.LogDirectory.Store;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Ingestor.Tests.Sources.LogDirectory;

/// <summary>A real <see cref="LogDirectorySource"/> running on its own loop into a sink, stopped at dispose.</summary>
internal sealed class RunningLogDirectorySource : IAsyncDisposable
{
    private readonly LogDirectorySource _source;
    private readonly ServiceProvider _services;

    private RunningLogDirectorySource(LogDirectorySource source, ServiceProvider services)
    {
        this._source = source;
        this._services = services;
    }

    public static RunningLogDirectorySource Start(LogDirectorySourceOptions options, RecordingSink sink, LogDirectoryHealthState? health = null)
    {
        var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var source = new LogDirectorySource(Options.Create(options), Options.Create(new RetentionOptions()), sink, new LogDirectoryStore(), health ?? new LogDirectoryHealthState(),
            new IngestorMetrics(services.GetRequiredService<IMeterFactory>()), TimeProvider.System, NullLogger<LogDirectorySource>.Instance);
        source.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new RunningLogDirectorySource(source, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _source.StopAsync(CancellationToken.None);
        _source.Dispose();
        await _services.DisposeAsync();
    }
}
