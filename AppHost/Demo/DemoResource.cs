using AppHost.Model;

namespace AppHost.Demo;

/// <summary>
/// The demo generator: runs inside AppHost (no extra build, starts at once, stops with AppHost) and writes what
/// real trainers write, so the ingestor reads it through its ordinary sources: ICON log directories always, and
/// metric rows in ClickHouse when there is one to write to.
/// </summary>
public sealed class DemoResource(string name, string directory, DemoOptions options) : Resource(name)
{
    public DemoOptions Options { get; } = options;

    /// <summary>An ICON simulation that is still training: a new timestep every <see cref="DemoOptions.TimestepInterval"/>.</summary>
    public string LiveLogDirectory { get; } = Path.Combine(directory, "icon-live");

    /// <summary>An ICON simulation that finished hours ago, so active and inactive runs both show.</summary>
    public string FinishedLogDirectory { get; } = Path.Combine(directory, "icon-finished");

    public IReadOnlyList<string> LogDirectories => [LiveLogDirectory, FinishedLogDirectory];

    /// <summary>Where the ClickHouse runs go; null when there is no ClickHouse or the demo must not write to it.</summary>
    public ClickHouseResource? ClickHouse { get; set; }
}
