namespace AppHost.Model;

public enum RedisMode
{
    /// <summary>Garnet, a Redis-protocol server, hosted inside AppHost: nothing to install.</summary>
    Embedded,

    /// <summary>A <c>redis-server</c> from the PATH, started and stopped by AppHost.</summary>
    LocalServer,

    /// <summary>The server named by <c>ConnectionStrings:redis</c>; AppHost only checks that it answers.</summary>
    External,
}
