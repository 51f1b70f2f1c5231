namespace Ingestor.Sources.LogDirectory.Store;

/// <summary>What recording a point did to its series.</summary>
public enum PointChange
{
    /// <summary>A point at a new step.</summary>
    Added,

    /// <summary>The series held this very point already (its file was read again).</summary>
    Unchanged,

    /// <summary>The series held a point at this step with another time or value, and now holds the new one.</summary>
    Replaced,
}
