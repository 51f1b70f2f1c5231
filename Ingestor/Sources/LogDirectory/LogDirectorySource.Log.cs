namespace Ingestor.Sources.LogDirectory;

public sealed partial class LogDirectorySource
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "Scanning log directory {Directory} failed; trying again on the next scan")]
    private partial void ScanFailed(string directory, Exception exception);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "The sink did not take {Count} item(s) from the log directories; retrying in {Delay}")]
    private partial void SinkFailed(int count, TimeSpan delay, Exception exception);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Cannot watch {Directory} for file-system events; relying on the periodic rescan")]
    private partial void WatcherFailed(string directory, Exception exception);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "An iteration of the log-directory source failed; carrying on with the next")]
    private partial void IterationFailed(Exception exception);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Critical, Message = "The log-directory source stopped")]
    private partial void SourceFaulted(Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Run {RunId} could not be described for publishing; the other runs carry on")]
    private partial void RunMetaFailed(string runId, Exception exception);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Released {Runs} log-directory run(s) that no current file feeds; they stay in Redis")]
    private partial void RunsEvicted(int runs);
}
