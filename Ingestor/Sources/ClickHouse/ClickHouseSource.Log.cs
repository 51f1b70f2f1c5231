namespace Ingestor.Sources.ClickHouse;

public sealed partial class ClickHouseSource
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Reading {Database}.{Table} on ClickHouse at {Endpoint} (event_time is {TimeType})")]
        public static partial void TableOpened(ILogger logger, string database, string table, Uri endpoint, string timeType);

        [LoggerMessage(2, LogLevel.Information, "History read: {Runs} runs, {Rows} rows in {Seconds:F1} s ({RowsPerSecond:F0} rows/s)")]
        public static partial void BackfillCompleted(ILogger logger, int runs, long rows, double seconds, double rowsPerSecond);

        [LoggerMessage(3, LogLevel.Warning, "ClickHouse source failed ({Kind}, {Failures} in a row), retrying in {DelaySeconds:F1} s: {Message}")]
        public static partial void IterationFailed(ILogger logger, Exception exception, string kind, string message, int failures, double delaySeconds);

        [LoggerMessage(4, LogLevel.Error, "{Message} ({Failures} attempts in a row; looking again in {DelaySeconds:F1} s)")]
        public static partial void TableMissing(ILogger logger, string message, int failures, double delaySeconds);

        [LoggerMessage(5, LogLevel.Information, "ClickHouse source recovered after {Failures} failed attempts")]
        public static partial void Recovered(ILogger logger, int failures);
    }
}
