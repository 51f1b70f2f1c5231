using System.Globalization;

namespace AppHost.Model;

/// <summary>
/// The ClickHouse the ingestor reads training metrics from. Optional locally (a <c>clickhouse-server</c> AppHost
/// starts, or an external one); published, always an external server named by the operator's Secret.
/// </summary>
public sealed class ClickHouseResource(string name, ClickHouseMode mode, string? externalConnectionString) : Resource(name), IResourceWithConnectionString
{
    public const string Database = "training_observability";

    public ClickHouseMode Mode { get; } = mode;

    public int HttpPort { get; internal set; }

    public int TcpPort { get; internal set; }

    public int InterserverPort { get; internal set; }

    public string? DataDirectory { get; internal set; }

    /// <summary>ClickHouse.Driver's form. JSON modes off because clickhouse-server 18.16 rejects the JSON settings.</summary>
    public string ConnectionString => Mode == ClickHouseMode.External
        ? externalConnectionString!
        : $"Host=127.0.0.1;Port={HttpPort};Protocol=http;Username=default;Password=;Database={Database};JsonReadMode=None;JsonWriteMode=None";

    public IReadOnlyDictionary<string, string> ConnectionProperties => Mode == ClickHouseMode.External
        ? new Dictionary<string, string>()
        : new Dictionary<string, string>
        {
            ["HOST"] = "127.0.0.1",
            ["PORT"] = HttpPort.ToString(CultureInfo.InvariantCulture),
            ["URI"] = $"http://127.0.0.1:{HttpPort}",
        };

    /// <summary>The HTTP interface's base address, for the health probe and schema creation of a local server.</summary>
    public Uri HttpUri => new($"http://127.0.0.1:{HttpPort}/");
}
