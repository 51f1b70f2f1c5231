using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Configuration;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.Limits;

/// <summary>
/// Limits per client address (<see cref="ClientLimitsSettings"/>): a concurrency limit on streams, a token bucket on
/// everything else. The gateway's own health endpoints are exempt, so probes are never refused.
/// </summary>
public static class ClientLimiter
{
    private static readonly string StreamPath = "/stream";

    public static void Configure(RateLimiterOptions options, ClientLimitsSettings settings)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, (string, bool)>(context =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/health") || path.StartsWithSegments("/alive"))
            {
                return RateLimitPartition.GetNoLimiter(("", false));
            }
            var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
            var stream = path.StartsWithSegments(StreamPath);
            if (stream)
            {
                return settings.StreamsPerClient == 0
                    ? RateLimitPartition.GetNoLimiter((client, true))
                    : RateLimitPartition.GetConcurrencyLimiter((client, true), _ => new ConcurrencyLimiterOptions
                    {
                        PermitLimit = settings.StreamsPerClient,
                        QueueLimit = 0,
                    });
            }
            return settings.RequestsPerSecond == 0
                ? RateLimitPartition.GetNoLimiter((client, false))
                : RateLimitPartition.GetTokenBucketLimiter((client, false), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = settings.Burst,
                    TokensPerPeriod = settings.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
        options.OnRejected = (rejected, _) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
                : rejected.HttpContext.Request.Path.StartsWithSegments(StreamPath) ? TimeSpan.FromSeconds(5)
                : TimeSpan.FromSeconds(1);
            rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
    }
}
