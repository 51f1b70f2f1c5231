namespace Ingestor.Sources.LogDirectory.Scanning;

public sealed partial class DirectoryScanner
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Log directory {Directory}: run {RunId} starts")]
    private partial void RunStarted(string directory, string runId);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Log directory {Directory}: run {RunId} ended because {Reason}; it keeps its history")]
    private partial void NewGeneration(string directory, string runId, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "{Path}: {Count} malformed line(s), {What}; counted and skipped, the rest of the file is kept")]
    private partial void MalformedLines(string path, int count, string what);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "{Path} at offset {Offset}: {What}")]
    private partial void CorruptRecord(string path, long offset, string what);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "{Path} was replaced by a different file of the same name; reading it again from the start")]
    private partial void FileReplaced(string path);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Warning, Message = "{Path} could not be read; trying again on the next scan")]
    private partial void FileReadFailed(string path, Exception exception);

    [LoggerMessage(EventId = 2106, Level = LogLevel.Warning, Message = "{Path} at offset {Offset}: {What}; later records of this file skipped for the same reason are counted, not logged")]
    private partial void SkippedRecords(string path, long offset, string what);

    [LoggerMessage(EventId = 2107, Level = LogLevel.Warning, Message = "{Path} is not read ({Reason}): only regular files inside the directory are")]
    private partial void FileRejected(string path, string reason);

    [LoggerMessage(EventId = 2108, Level = LogLevel.Warning, Message = "{Path} holds TensorBoard event files deeper than LogDirectorySource__MaxRunDepth ({MaxRunDepth}) levels; not read")]
    private partial void RunDirectoryTooDeep(string path, int maxRunDepth);
}
