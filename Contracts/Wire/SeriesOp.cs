namespace Contracts.Wire;

/// <summary>How a delta changes a series the client already holds.</summary>
public static class SeriesOp
{
    /// <summary>Drop every point with step &gt;= from_step, then append the points given.</summary>
    public const string Tail = "tail";

    /// <summary>Drop the whole series (it was re-decimated or is new), then take the points given.</summary>
    public const string Replace = "replace";
}
