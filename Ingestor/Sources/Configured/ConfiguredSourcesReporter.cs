using Contracts.Redis;
using Ingestor.Publishing;
using StackExchange.Redis;

namespace Ingestor.Sources.Configured;

/// <summary>
/// Warns at start when no source is configured, and tells StreamApi which sources are (key
/// <see cref="RedisKeys.IngestorSources"/>, for <c>/api/health</c>'s <c>configured_sources</c>). Only the lease holder
/// writes; it writes again every <see cref="Refresh"/>, so a Redis that was restarted or flushed learns it again.
/// </summary>
public sealed partial class ConfiguredSourcesReporter(
    ConfiguredSources sources, IConnectionMultiplexer redis, RedisKeys keys, WriterLease lease, TimeProvider time,
    ILogger<ConfiguredSourcesReporter> logger) : BackgroundService
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (sources.IsEmpty)
        {
            NothingConfigured(ConfiguredSources.Guidance);
        }
        var value = string.Join(',', sources.Names);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await lease.WaitUntilHolderAsync(stoppingToken);
                try
                {
                    await redis.GetDatabase().StringSetAsync(keys.IngestorSources, value);
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    WriteFailed(exception);
                }
                await Task.Delay(Refresh, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Warning, Message = "{Guidance}")]
    private partial void NothingConfigured(string guidance);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Debug, Message = "Writing the configured sources to Redis failed; trying again shortly")]
    private partial void WriteFailed(Exception exception);
}
