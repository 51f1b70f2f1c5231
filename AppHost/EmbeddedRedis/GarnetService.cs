using System.Globalization;
using Garnet;
using Microsoft.Extensions.Options;

namespace EmbeddedRedis;

/// <summary>
/// Garnet serves what the services use (strings, hashes, lists, pub/sub, MULTI/EXEC with WATCH) and keeps everything
/// in memory: the ingestor rebuilds its state from the sources after a restart.
/// </summary>
public sealed partial class GarnetService(IOptions<EmbeddedRedisOptions> options, ILoggerFactory loggerFactory, ILogger<GarnetService> logger)
    : IHostedService, IDisposable
{
    private GarnetServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        string[] arguments =
        [
            "--port", settings.Port.ToString(CultureInfo.InvariantCulture),
            "--bind", settings.Bind,
            "--auth", "Password",
            "--password", settings.Password,
            "--memory", settings.Memory,
            "--index", settings.IndexSize,
        ];
        _server = new GarnetServer(arguments, new GarnetLoggerFactory(loggerFactory));
        _server.Start();
        Log.Started(logger, settings.Bind, settings.Port);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _server = null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Garnet listens on {Bind}:{Port}")]
        public static partial void Started(ILogger logger, string bind, int port);
    }
}
