using System.Diagnostics.Metrics;
using ClickHouse.Http;
using Ingestor.Sources.ClickHouse;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using TestSupport;

namespace Ingestor.Tests.Sources.ClickHouse;

/// <summary>A <see cref="ClickHouseSource"/> running against a real server and a <see cref="RecordingSink"/>.</summary>
internal sealed class SourceRunner : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ClickHouseSource _source;
    private readonly ClickHouseSourceHealthCheck _healthCheck;

    private SourceRunner(string connectionString, ClickHouseSourceOptions options, TimeProvider time, RecordingSink sink)
    {
        Sink = sink;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var settings = ClickHouseSettings.Parse(connectionString);
        Client = new ClickHouseHttpClient(settings);
        Options = options;
        Metrics = new IngestorMetrics(_services.GetRequiredService<IMeterFactory>());
        _source = new ClickHouseSource(Client, Sink, Microsoft.Extensions.Options.Options.Create(options), Status, Metrics, time, new TestOutputLogger<ClickHouseSource>());
        _healthCheck = new ClickHouseSourceHealthCheck(Status, settings, Microsoft.Extensions.Options.Options.Create(options), time);
    }

    public RecordingSink Sink { get; }

    public ClickHouseSourceStatus Status { get; } = new();

    public ClickHouseHttpClient Client { get; }

    public ClickHouseSourceOptions Options { get; }

    public IngestorMetrics Metrics { get; }

    public static ClickHouseSourceOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(200),
        RunMetadataInterval = TimeSpan.FromSeconds(1),
        LateArrivalWindow = TimeSpan.FromSeconds(30),
        RetryInitialDelay = TimeSpan.FromMilliseconds(100),
        RetryMaxDelay = TimeSpan.FromMilliseconds(500),
        QueryTimeout = TimeSpan.FromSeconds(10),
    };

    /// <param name="beforeStart">Given the runner's meters before the source starts, so nothing it counts is missed.</param>
    public static async Task<SourceRunner> StartAsync(
        string connectionString, ClickHouseSourceOptions? options = null, TimeProvider? time = null, RecordingSink? sink = null,
        Action<IngestorMetrics>? beforeStart = null)
    {
        var runner = new SourceRunner(connectionString, options ?? FastOptions(), time ?? TimeProvider.System, sink ?? new RecordingSink());
        beforeStart?.Invoke(runner.Metrics);
        await runner._source.StartAsync(TestContext.Current.CancellationToken);
        return runner;
    }

    public Task<HealthCheckResult> CheckHealthAsync() => _healthCheck.CheckHealthAsync(new HealthCheckContext());

    public Task WaitForPhaseAsync(SourcePhase phase) =>
        Eventually.HoldsAsync(
            () => Status.Current is { ConsecutiveFailures: 0, LastSuccess: not null } current && current.Phase == phase,
            $"the source to reach {phase}", state: () => $"{Status.Current}");

    public async ValueTask DisposeAsync()
    {
        await _source.StopAsync(CancellationToken.None);
        _source.Dispose();
        Client.Dispose();
        await _services.DisposeAsync();
    }
}
