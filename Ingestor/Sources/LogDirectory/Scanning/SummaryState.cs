using Ingestor.Sources.LogDirectory.Files;

namespace Ingestor.Sources.LogDirectory.Scanning;

public sealed record SummaryState(FileEntry Entry, SummaryFile Summary);
