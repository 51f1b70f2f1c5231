using System.ComponentModel.DataAnnotations;

namespace DemoGenerator;

/// <summary>
/// The <c>Demo</c> section: where the demo writes and how fast. AppHost hands it <c>Demo__LiveRunDirectory</c> and
/// <c>Demo__FinishedRunDirectory</c>, and forwards its own <c>AppHost__Demo__*</c> settings as <c>Demo__*</c>.
/// ClickHouse runs are written when <c>ConnectionStrings__clickhouse</c> is set.
/// </summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>An ICON simulation that is still training: a new timestep every <see cref="TimestepInterval"/>.</summary>
    [Required]
    public string LiveRunDirectory { get; set; } = "";

    /// <summary>An ICON simulation that finished hours ago, so active and inactive runs both show.</summary>
    [Required]
    public string FinishedRunDirectory { get; set; } = "";

    /// <summary>Wall time between two training steps of the live ClickHouse runs.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Wall time between two simulation timesteps of the live log-directory run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TimestepInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Batch losses per timestep (lines of a log file).</summary>
    [Range(1, 100000)]
    public int BatchesPerTimestep { get; set; } = 100;

    /// <summary>After this many timesteps the live simulation starts over, deleting its directory as ICON does.</summary>
    [Range(2, 1000000)]
    public int TimestepsPerSimulation { get; set; } = 5000;

    /// <summary>Timesteps of the finished log-directory run, written once at start.</summary>
    [Range(1, 100000)]
    public int FinishedRunTimesteps { get; set; } = 48;

    /// <summary>Steps of the finished ClickHouse run, written once at start.</summary>
    [Range(1, 10000000)]
    public int FinishedRunSteps { get; set; } = 3000;

    /// <summary>Steps the live ClickHouse runs already have when the demo starts, so charts are not empty.</summary>
    [Range(0, 10000000)]
    public int LiveRunHistorySteps { get; set; } = 300;
}
