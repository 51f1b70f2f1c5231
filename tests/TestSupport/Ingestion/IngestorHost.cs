using Contracts.Series;
using Ingestor.Model;
using Ingestor.Series;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TestSupport.Ingestion;

/// <summary>
/// The ingestor's real wiring (<c>AddIngestor</c>) hosted in the test process, with no source configured, so a test
/// can hand points straight to its sink and watch them reach Redis and the stream.
/// </summary>
public sealed class IngestorHost : IAsyncDisposable
{
    private readonly IHost _host;
    private int _disposed;

    private IngestorHost(IHost host)
    {
        _host = host;
        Sink = host.Services.GetRequiredService<IMetricSink>();
        Store = host.Services.GetRequiredService<SeriesStore>();
    }

    public IMetricSink Sink { get; }

    public SeriesStore Store { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<IngestorHost> StartAsync(string redisConnectionString, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = redisConnectionString,
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }
        builder.Services.AddMetrics();
        builder.Services.AddLogging(l => l.AddSimpleConsole());
        builder.AddIngestor();
        var host = builder.Build();
        await host.StartAsync();
        return new IngestorHost(host);
    }

    /// <summary>Writes points (step, value) of one series, with wall times one second apart from <paramref name="startMs"/>.</summary>
    public async Task WriteAsync(string runId, string metric, IEnumerable<(long Step, double Value)> points, long startMs = 1_795_000_000_000)
    {
        var batch = new MetricBatch();
        var key = new SeriesKey(runId, metric);
        foreach (var (step, value) in points)
        {
            batch.Add(key, new MetricSample(step, startMs + step * 1000, value));
        }
        await Sink.WriteAsync(batch, CancellationToken.None);
    }

    /// <summary>Stops the ingestor (idempotent), so a test can write to Redis as if it were the only writer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _host.StopAsync();
        _host.Dispose();
    }
}
