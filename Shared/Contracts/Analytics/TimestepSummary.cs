namespace Contracts.Analytics;

/// <summary>
/// One simulation timestep's batch losses in numbers, exact over the finite losses of its log file.
/// Mean, std (population), min and max are left out when the timestep has no finite loss.
/// </summary>
public record TimestepSummary
{
    /// <summary>Model time, <see cref="TimestepFormat"/>.</summary>
    public required string Timestep { get; init; }

    /// <summary>Batches trained up to the end of this timestep (the plugin's global step).</summary>
    public required long GlobalStep { get; init; }

    /// <summary>The global step of the timestep's first batch: its losses are the run's batch-loss points from here on.</summary>
    public long? FirstStep { get; init; }

    /// <summary>Batches in the timestep's log, malformed lines included; with <see cref="FirstStep"/>, the steps its losses take.</summary>
    public int? Batches { get; init; }

    /// <summary>Finite batch losses.</summary>
    public required int Count { get; init; }

    public double? Mean { get; init; }

    public double? Std { get; init; }

    public double? Min { get; init; }

    public double? Max { get; init; }

    public required NonFiniteCounts NonFinite { get; init; }

    /// <summary>When the plugin wrote the timestep's log file (its modification time), UTC.</summary>
    public required DateTimeOffset WallTime { get; init; }
}
