namespace AppHost.Model;

/// <summary>
/// The Redis every service shares. Locally it is embedded Garnet, a <c>redis-server</c> AppHost starts, or an
/// external server; published, a StatefulSet or an external server named by the operator's Secret.
/// </summary>
public sealed class RedisResource(string name, RedisMode mode, string? externalConnectionString) : Resource(name), IResourceWithConnectionString
{
    public const int DefaultPort = 6379;

    public RedisMode Mode { get; } = mode;

    /// <summary>The loopback port of an embedded or local server, allocated when the graph is built.</summary>
    public int Port { get; internal set; }

    public string Password { get; } = Secrets.NewPassword();

    /// <summary>Where a local <c>redis-server</c> keeps its working files.</summary>
    public string? DataDirectory { get; internal set; }

    public string ConnectionString => Mode == RedisMode.External
        ? externalConnectionString!
        // An IP rather than "localhost": the client would try ::1 first, where the server does not listen.
        : $"127.0.0.1:{Port},password={Password}";

    public IReadOnlyDictionary<string, string> ConnectionProperties => Mode == RedisMode.External
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PASSWORD"] = Password,
            ["URI"] = $"redis://:{Password}@127.0.0.1:{Port}",
        };
}
