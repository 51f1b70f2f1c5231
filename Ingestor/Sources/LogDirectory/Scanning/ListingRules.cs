namespace Ingestor.Sources.LogDirectory.Scanning;

/// <summary>What a listing of a configured directory takes in.</summary>
/// <param name="FollowLinks">Follow a symbolic link whose target lies inside the directory.</param>
/// <param name="ReadEventFiles">Look for TensorBoard event files at all (<c>LogDirectorySource__IgnoreEventFilesIn</c>).</param>
/// <param name="MaxRunDepth">How many directory levels below the configured one a run directory may lie.</param>
public readonly record struct ListingRules(bool FollowLinks = true, bool ReadEventFiles = true, int MaxRunDepth = LogDirectorySourceOptions.DefaultMaxRunDepth);
