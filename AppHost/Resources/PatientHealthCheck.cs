using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.Resources;

/// <summary>
/// A health check that waits for its server instead of answering at once: while the inner check fails it asks again
/// every 100 ms, for up to <see cref="Patience"/>. Aspire checks an unhealthy resource again after 1, 2, 3, 4 and then
/// every 5 s, so a server that comes up just after a check would stay unseen for seconds, and everything waiting for
/// it with it; this way dependents start the moment it answers.
/// </summary>
public sealed class PatientHealthCheck(IHealthCheck inner, TimeProvider timeProvider) : IHealthCheck
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            var result = await inner.CheckHealthAsync(context, cancellationToken);
            if (result.Status == HealthStatus.Healthy || timeProvider.GetElapsedTime(started) >= Patience)
            {
                return result;
            }
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }
}
