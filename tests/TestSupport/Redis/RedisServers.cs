namespace TestSupport.Redis;

/// <summary>Starts either kind of server by name, so one test can run against redis-server and Garnet alike.</summary>
public static class RedisServers
{
    public const string RedisServer = "redis-server";
    public const string Garnet = "garnet";

    public static async Task<IRedisServer> StartAsync(string kind) => kind switch
    {
        RedisServer => await RedisServerProcess.StartNewAsync(),
        Garnet => await GarnetServerHost.StartNewAsync(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Expected redis-server or garnet."),
    };
}
