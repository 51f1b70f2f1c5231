namespace AppHost.Settings;

/// <summary>Which Redis the services share.</summary>
public enum RedisMode
{
    /// <summary>Garnet, a Redis-protocol server, in a project of this repository: nothing to install.</summary>
    Embedded,

    /// <summary>A <c>redis-server</c> from the PATH.</summary>
    LocalServer,

    /// <summary>The server in <c>ConnectionStrings:redis</c>.</summary>
    External,

    /// <summary>Aspire's Redis container (<c>AddRedis</c>): needs a container runtime.</summary>
    Container,
}
