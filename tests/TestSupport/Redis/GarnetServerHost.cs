using Garnet;

namespace TestSupport.Redis;

/// <summary>Microsoft Garnet hosted in the test process on a free loopback port, as AppHost hosts it.</summary>
public sealed class GarnetServerHost : IRedisServer
{
    private GarnetServer? _server;

    private GarnetServerHost(int port) => Port = port;

    public string Kind => "garnet";

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<GarnetServerHost> StartNewAsync()
    {
        var host = new GarnetServerHost(FreePort.Next());
        await host.StartAsync();
        return host;
    }

    public async Task StartAsync()
    {
        if (_server is not null)
        {
            return;
        }
        _server = new GarnetServer(["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--lua"]);
        _server.Start();
        await RedisServerProcess.WaitUntilAnswersAsync(ConnectionString, TimeSpan.FromSeconds(20));
    }

    public Task StopAsync()
    {
        _server?.Dispose();
        _server = null;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
