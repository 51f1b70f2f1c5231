using AppHost.Model;
using AppHost.Orchestration;

namespace AppHost.Redis;

/// <summary>A Redis AppHost does not run: it only waits for it to answer PING before dependents start.</summary>
public sealed class ExternalRedisRunner(RedisResource redis) : IResourceRunner
{
    public Resource Resource => redis;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken) =>
        RedisProbe.PingAsync(redis.ConnectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
