using System.Globalization;
using AppHost.Hosting;
using AppHost.Model;
using AppHost.Orchestration;
using Garnet;
using Microsoft.Extensions.Logging;

namespace AppHost.Redis;

/// <summary>
/// Redis for a machine with nothing installed: Garnet, a Redis-protocol server, hosted inside AppHost on a loopback
/// port with a generated password. It serves what the services use (strings, hashes, lists, pub/sub, MULTI/EXEC
/// with WATCH) and keeps everything in memory: the ingestor rebuilds its state from the sources after a restart.
/// </summary>
public sealed partial class EmbeddedRedisRunner(RedisResource redis, AppHostOptions options, ILoggerFactory loggerFactory) : IResourceRunner
{
    private readonly ILogger logger = loggerFactory.CreateLogger<EmbeddedRedisRunner>();
    private GarnetServer? server;

    public Resource Resource => redis;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        string[] arguments =
        [
            "--port", redis.Port.ToString(CultureInfo.InvariantCulture),
            "--bind", "127.0.0.1",
            "--auth", "Password",
            "--password", redis.Password,
            "--memory", options.EmbeddedRedisMemory,
            "--index", "64m",
        ];
        server = new GarnetServer(arguments, new GarnetLoggerFactory(loggerFactory));
        server.Start();
        Log.Started(logger, redis.Port);
        return Task.CompletedTask;
    }

    public Task<HealthCheck> CheckHealthAsync(CancellationToken cancellationToken) =>
        RedisProbe.PingAsync(redis.ConnectionString, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        server?.Dispose();
        server = null;
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Embedded Redis (Garnet) listens on 127.0.0.1:{Port}")]
        public static partial void Started(ILogger logger, int port);
    }
}
