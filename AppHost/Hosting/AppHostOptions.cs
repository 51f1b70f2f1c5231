using System.ComponentModel.DataAnnotations;
using AppHost.Demo;
using AppHost.Model;

namespace AppHost.Hosting;

/// <summary>The <c>AppHost</c> configuration section; every setting is documented in docs/configuration.md.</summary>
public sealed class AppHostOptions
{
    public const string SectionName = "AppHost";

    /// <summary>The fixed, documented port users open; 0 picks a free one (tests).</summary>
    public const int DefaultGatewayPort = 18080;

    [Range(0, 65535)]
    public int GatewayPort { get; set; } = DefaultGatewayPort;

    [Range(1, 32)]
    public int StreamApiReplicas { get; set; } = 2;

    /// <summary>Null: <see cref="RedisMode.External"/> when <c>ConnectionStrings:redis</c> is set, else <see cref="RedisMode.Embedded"/>.</summary>
    public RedisMode? Redis { get; set; }

    /// <summary>
    /// Null: <see cref="ClickHouseMode.External"/> when <c>ConnectionStrings:clickhouse</c> is set, else
    /// <see cref="ClickHouseMode.LocalServer"/> when <c>clickhouse-server</c> is installed, else none.
    /// </summary>
    public ClickHouseMode? ClickHouse { get; set; }

    /// <summary>Where AppHost keeps the demo's log directories and the data of servers it starts.</summary>
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "training-dashboard");

    /// <summary>An OTLP collector every service exports to; unset, nothing is exported.</summary>
    [Url]
    public string? OtlpEndpoint { get; set; }

    [RegularExpression("^(grpc|http/protobuf)$")]
    public string OtlpProtocol { get; set; } = "grpc";

    public string RedisServerPath { get; set; } = "redis-server";

    public string ClickHouseServerPath { get; set; } = "clickhouse-server";

    public string ClickHouseConfigFile { get; set; } = "/etc/clickhouse-server/config.xml";

    /// <summary>Log-memory budget of the embedded Garnet server, in its size syntax (<c>512m</c>, <c>2g</c>).</summary>
    [RegularExpression("^[0-9]+[kmgKMG]?[bB]?$")]
    public string EmbeddedRedisMemory { get; set; } = "1g";

    /// <summary>How long a resource may take from launch to healthy before it is reported as failed to start.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a child gets between SIGTERM and SIGKILL.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often a running resource's health is checked once it is healthy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    public DemoOptions Demo { get; set; } = new();

    public PublishOptions Publish { get; set; } = new();
}
