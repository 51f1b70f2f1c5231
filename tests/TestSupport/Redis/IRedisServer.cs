namespace TestSupport.Redis;

/// <summary>A real Redis-protocol server on loopback, started for a test.</summary>
public interface IRedisServer : IAsyncDisposable
{
    /// <summary>"redis-server" or "garnet".</summary>
    string Kind { get; }

    int Port { get; }

    /// <summary>StackExchange.Redis form, as services take it in ConnectionStrings__redis.</summary>
    string ConnectionString { get; }

    /// <summary>Stops the server; its data is gone (a Redis restart without persistence).</summary>
    Task StopAsync();

    /// <summary>Starts it again on the same port, empty.</summary>
    Task StartAsync();
}
