using System.ComponentModel.DataAnnotations;

namespace Ingestor.Series;

public sealed class DecimationOptions
{
    public const string SectionName = "Decimation";

    /// <summary>Most points a series keeps for the live view (LTTB buckets).</summary>
    [Range(4, 100_000)]
    public int MaxPoints { get; set; } = 2000;
}
