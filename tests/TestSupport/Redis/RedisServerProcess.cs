using System.Diagnostics;
using StackExchange.Redis;
using TestSupport.Processes;

namespace TestSupport.Redis;

/// <summary>A redis-server process on a free loopback port with no persistence, killed at dispose.</summary>
public sealed class RedisServerProcess : IRedisServer
{
    private readonly TempDirectory _directory = new("redis");
    private readonly string[] _arguments;
    private Process? _process;

    private RedisServerProcess(int port, string[] arguments)
    {
        Port = port;
        _arguments = arguments;
    }

    public string Kind => "redis-server";

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The server's process id while it runs, else 0.</summary>
    public int ProcessId => _process is { HasExited: false } process ? process.Id : 0;

    /// <param name="arguments">More of redis-server's options, e.g. "--maxmemory", "16mb"; kept for restarts.</param>
    public static async Task<RedisServerProcess> StartNewAsync(params string[] arguments)
    {
        var server = new RedisServerProcess(FreePort.Next(), arguments);
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (_process is { HasExited: false })
        {
            return;
        }
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList =
            {
                "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", _directory.Path,
                "--logfile", _directory.Combine("redis.log"),
            },
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }
        _process = InstalledServer.Start(start);
        await WaitUntilAnswersAsync(ConnectionString, TimeSpan.FromSeconds(20));
    }

    public async Task StopAsync()
    {
        if (_process is { } process)
        {
            await process.KillAndDisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _directory.Dispose();
    }

    internal static Task WaitUntilAnswersAsync(string connectionString, TimeSpan timeout)
    {
        var last = "";
        return Eventually.HoldsAsync(async () =>
        {
            try
            {
                await using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString + ",connectTimeout=500");
                await connection.GetDatabase().PingAsync();
                return true;
            }
            catch (RedisConnectionException exception)
            {
                last = exception.Message;
                return false;
            }
        }, $"the Redis server at {connectionString} to answer", timeout, () => last);
    }
}
