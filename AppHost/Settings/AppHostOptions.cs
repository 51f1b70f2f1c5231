using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ServiceDefaults.Settings;

namespace AppHost.Settings;

/// <summary>The <c>AppHost</c> configuration section; every setting is documented in docs/configuration.md.</summary>
public sealed class AppHostOptions : IValidatableObject
{
    public const string SectionName = "AppHost";

    /// <summary>The fixed, documented port users open.</summary>
    public const int DefaultGatewayPort = 18080;

    [Range(1, 65535)]
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

    /// <summary>Where the demo's log directories and the data of a local ClickHouse or redis-server go.</summary>
    [Required]
    public string DataDirectory { get; set; } = Path.Combine(Path.GetTempPath(), "training-dashboard");

    [Required]
    public string RedisServerPath { get; set; } = "redis-server";

    [Required]
    public string ClickHouseServerPath { get; set; } = "clickhouse-server";

    [Required]
    public string ClickHouseConfigFile { get; set; } = "/etc/clickhouse-server/config.xml";

    /// <summary>Log-memory budget of the embedded Garnet server, in its size syntax (<c>512m</c>, <c>2g</c>).</summary>
    [RegularExpression("^[0-9]+[kmgKMG]?[bB]?$")]
    public string EmbeddedRedisMemory { get; set; } = "1g";

    /// <summary>
    /// Directories of the user's own runs (ICON/ComIn output, TensorBoard logdirs) the ingestor reads besides the demo's;
    /// absolute paths. A directory that does not exist yet is watched for.
    /// </summary>
    public string[] LogDirectories { get; set; } = [];

    public DemoSettings Demo { get; set; } = new();

    [ValidateObjectMembers]
    public PublishOptions Publish { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var index = 0; index < LogDirectories.Length; index++)
        {
            if (string.IsNullOrWhiteSpace(LogDirectories[index]) || !Path.IsPathFullyQualified(LogDirectories[index]))
            {
                yield return SettingProblem.Result($"{nameof(LogDirectories)}__{index}", "must be the absolute path of a log directory " +
                    "(ICON/ComIn output or a TensorBoard logdir), e.g. /scratch/me/lightning_logs", LogDirectories[index]);
            }
        }
    }
}
