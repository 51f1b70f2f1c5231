using System.ComponentModel;
using System.Globalization;
using AppHost.Hosting;
using AppHost.Model;
using AppHost.Orchestration;
using AppHost.Processes;

namespace AppHost.Redis;

/// <summary>A real <c>redis-server</c> from the PATH on a loopback port, without persistence, supervised like a service.</summary>
public sealed class LocalRedisServerRunner(RedisResource redis, AppHostOptions options, SupervisedProcessFactory processes) : IResourceRunner
{
    private SupervisedProcess? process;

    public Resource Resource => redis;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directory = redis.DataDirectory!;
        Directory.CreateDirectory(directory);
        process = processes.Create(redis.Name, redis.Name, () => new ProcessSpec(
            ExecutableLookup.Find(options.RedisServerPath) ?? options.RedisServerPath,
            [
                "--port", redis.Port.ToString(CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--requirepass", redis.Password,
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", directory,
            ],
            directory,
            new Dictionary<string, string?>()));
        try
        {
            await process.StartAsync();
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException(
                $"'{options.RedisServerPath}' could not be started ({exception.Message}). Install redis-server, set " +
                "AppHost__RedisServerPath, or use the embedded server (AppHost__Redis=Embedded).", exception);
        }
    }

    public Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken) =>
        RedisProbe.PingAsync(redis.ConnectionString, cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (process is not null)
        {
            await process.StopAsync(processes.StopTimeout);
        }
    }
}
