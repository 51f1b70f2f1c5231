using ClickHouse.Http;
using Contracts.Series;
using Ingestor.Sources.LogDirectory;
using Microsoft.Extensions.Options;

namespace Ingestor.Sources.Configured;

/// <summary>
/// The sources this ingestor was configured to read (<see cref="RunSource"/> names, in a fixed order). None is a state an
/// operator must hear about: the service runs, harmlessly, and shows nothing.
/// </summary>
public sealed class ConfiguredSources
{
    public const string Guidance =
        "No source is configured, so nothing is read: set ConnectionStrings__clickhouse (a ClickHouse connection string) " +
        "or LogDirectorySource__Directories__0 (an ICON/ComIn output directory), or both.";

    public ConfiguredSources(IServiceProvider services, IOptions<LogDirectorySourceOptions> logDirectories)
    {
        List<string> names = [];
        // The ClickHouse source registers its settings only when its connection string is set.
        if (services.GetService<ClickHouseSettings>() is not null)
        {
            names.Add(RunSource.ClickHouse);
        }
        if (logDirectories.Value.Directories.Length > 0)
        {
            names.Add(RunSource.LogDirectory);
        }
        Names = names;
    }

    public IReadOnlyList<string> Names { get; }

    public bool IsEmpty => Names.Count == 0;
}
