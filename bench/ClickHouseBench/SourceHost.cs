using System.Diagnostics.Metrics;
using ClickHouse.Http;
using Ingestor.Sources.ClickHouse;
using Ingestor.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClickHouseBench;

/// <summary>A <see cref="ClickHouseSource"/> with default options (unless given) feeding a <see cref="TimingSink"/>.</summary>
internal sealed class SourceHost : IAsyncDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ClickHouseHttpClient _client;
    private readonly ClickHouseSource _source;

    public SourceHost(string connectionString, ClickHouseSourceOptions? options = null)
    {
        _client = new ClickHouseHttpClient(ClickHouseSettings.Parse(connectionString));
        _source = new ClickHouseSource(
            _client, Sink, Microsoft.Extensions.Options.Options.Create(options ?? new ClickHouseSourceOptions()), Status,
            new IngestorMetrics(_services.GetRequiredService<IMeterFactory>()), TimeProvider.System, NullLogger<ClickHouseSource>.Instance);
    }

    public TimingSink Sink { get; } = new();

    public ClickHouseSourceStatus Status { get; } = new();

    public Task StartAsync() => _source.StartAsync(CancellationToken.None);

    public async Task WaitUntilPollingAsync()
    {
        while (Status.Current.Phase != SourcePhase.Polling)
        {
            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _source.StopAsync(CancellationToken.None);
        _source.Dispose();
        _client.Dispose();
        await _services.DisposeAsync();
    }
}
