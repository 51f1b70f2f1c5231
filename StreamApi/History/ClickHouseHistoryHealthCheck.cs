using ClickHouse.Http;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace StreamApi.History;

/// <summary>
/// Whether history reads work: ClickHouse answers and the metric table is there (one cheap system.columns query).
/// ClickHouse is optional and serves only full-resolution history of ClickHouse runs, so it is registered with
/// failure status Degraded: StreamApi stays ready (the stream and every other endpoint work) and says what is wrong.
/// </summary>
public sealed class ClickHouseHistoryHealthCheck(ClickHouseHttpClient client, IOptions<ClickHouseHistoryOptions> options) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            var table = await MetricTable.OpenAsync(client, options.Value.Table, deadline.Token);
            return HealthCheckResult.Healthy($"{table.Database}.{table.Name} is readable");
        }
        catch (ClickHouseException exception)
        {
            // /health is reachable through the gateway: the kind of failure, not ClickHouse's own text.
            return new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy, HistoryFailures.Describe(exception));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration?.FailureStatus ?? HealthStatus.Unhealthy,
                $"ClickHouse did not answer within {Timeout.TotalSeconds:F0} s");
        }
    }
}
