namespace Ingestor.Publishing;

public sealed partial class RedisPublisherService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Publishing to Redis failed with {Pending} messages waiting; retrying in {Delay}.")]
        public static partial void PublishFailed(ILogger logger, int pending, TimeSpan delay, Exception? exception);

        [LoggerMessage(2, LogLevel.Critical, "The publishing loop stopped.")]
        public static partial void LoopFaulted(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Information, "Republished everything at seq {Sequence}: {SeriesCount} series, {RunCount} runs.")]
        public static partial void Republished(ILogger logger, long sequence, int seriesCount, int runCount);

        [LoggerMessage(4, LogLevel.Warning, "Redis no longer holds seq {Sequence} (restarted empty, or another ingestor writes the same key prefix); republishing everything.")]
        public static partial void StateLost(ILogger logger, long sequence);

        [LoggerMessage(5, LogLevel.Warning, "The run list stored in Redis could not be read; starting without it.")]
        public static partial void StoredRunsUnreadable(ILogger logger, Exception exception);

        [LoggerMessage(6, LogLevel.Information, "Released {Runs} finished runs from memory; their series stay in Redis.")]
        public static partial void RunsEvicted(ILogger logger, int runs);

        [LoggerMessage(7, LogLevel.Information, "Run {RunId} received new points after eviction; read its series back from Redis ({Unreadable} stored series unreadable).")]
        public static partial void RunRestored(ILogger logger, string runId, int unreadable);
    }
}
