namespace Contracts.Wire;

/// <summary>How a delta changes a series the client already holds.</summary>
public static class SeriesOp
{
    /// <summary>Drop every point with step &gt;= from_step, then append the points given.</summary>
    public const string Tail = "tail";

    /// <summary>Drop the whole series (it is new, or its decimation started over), then take the points given.</summary>
    public const string Replace = "replace";

    /// <summary>The bucket width doubled (once or more): merge the points held to the new width, then apply the
    /// points given as a <see cref="Tail"/> from from_step.</summary>
    public const string Coarsen = "coarsen";
}
