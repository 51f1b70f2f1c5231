namespace Contracts.Redis;

/// <summary>
/// The Redis layout shared by the ingestor (the only writer) and StreamApi (a reader). Every key starts with
/// the configured prefix, so several dashboards can share one Redis.
/// <list type="bullet">
/// <item><see cref="Sequence"/>: string, the seq of the newest published message.</item>
/// <item><see cref="Channel"/>: pub/sub channel; each message is the UTF-8 JSON of a delta or runs_meta message.</item>
/// <item><see cref="ReplayLog"/>: list of the most recent messages (same bytes), oldest first, for Last-Event-ID resume.</item>
/// <item><see cref="SnapshotSequence"/>: string, the seq the stored snapshot is consistent with.</item>
/// <item><see cref="Runs"/>: string, JSON array of every run's metadata.</item>
/// <item><see cref="WriterLease"/>: string with a time to live, the id of the one ingestor that writes this prefix.</item>
/// <item><see cref="IngestorSources"/>: string, the sources the writing ingestor is configured to read, comma-separated (<c>clickhouse,logdir</c>; empty for none).</item>
/// <item><see cref="RunSeries"/>: hash per run, field = series id, value = SeriesPoints JSON of the whole decimated series.</item>
/// <item><see cref="RunRaw"/>: hash per log-directory series, full-resolution points in chunks (see <see cref="RawPointChunk"/>).</item>
/// </list>
/// Loss analytics and full-resolution data of log-directory runs (REST data, written by the ingestor, not sequenced):
/// <list type="bullet">
/// <item><see cref="RunRawSeries"/>: hash per run, field = series id of every full-resolution series, value = its point count (decimal).</item>
/// <item><see cref="LogDirectoryRuns"/>: hash, field = run id, value = <c>LossStatus</c> JSON of every log-directory run.</item>
/// <item><see cref="LogDirectoryHealth"/>: string, <c>LogDirectoryHealth</c> JSON of the ingestor's log-directory source.</item>
/// <item><see cref="LogDirectoryEpoch"/>: string, set once everything above was written; absent means Redis lost it and the ingestor rewrites it all.</item>
/// <item><see cref="LossStatistics"/>: string per run, <c>LossStatistics</c> JSON.</item>
/// <item><see cref="LossTimestepSummaries"/>: hash per run, field = timestep (<c>TimestepFormat</c>, sorts as time does), value = <c>TimestepSummary</c> JSON; a timestep's losses are its steps in the batch-loss series.</item>
/// </list>
/// </summary>
public sealed class RedisKeys
{
    public const string DefaultPrefix = "dashboard";

    private readonly string _prefix;

    public RedisKeys(string prefix = DefaultPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        _prefix = prefix;
        Sequence = prefix + ":seq";
        Channel = prefix + ":messages";
        ReplayLog = prefix + ":log";
        SnapshotSequence = prefix + ":snapshot:seq";
        Runs = prefix + ":runs";
        WriterLease = prefix + ":writer";
    }

    public string WriterLease { get; }

    public string Sequence { get; }

    public string Channel { get; }

    public string ReplayLog { get; }

    public string SnapshotSequence { get; }

    public string Runs { get; }

    public string RunSeries(string runId) => $"{_prefix}:run:{Part(runId)}:series";

    public string RunRaw(string runId, string seriesId) => $"{_prefix}:run:{Part(runId)}:raw:{Part(seriesId)}";

    public string RunRawSeries(string runId) => $"{_prefix}:run:{Part(runId)}:raw";

    public string IngestorSources => _prefix + ":ingestor:sources";

    public string LogDirectoryRuns => _prefix + ":logdir:runs";

    public string LogDirectoryHealth => _prefix + ":logdir:health";

    public string LogDirectoryEpoch => _prefix + ":logdir:epoch";

    public string LossStatistics(string runId) => $"{_prefix}:run:{Part(runId)}:loss:statistics";

    public string LossTimestepSummaries(string runId) => $"{_prefix}:run:{Part(runId)}:loss:summaries";

    /// <summary>
    /// A run or series id as one part of a key: <c>:</c> (the separator) and <c>%</c> are percent-encoded, so no id can
    /// spell another key (run <c>a:raw:x</c> and run <c>a</c> with series <c>x:series</c> stay apart). Ids without
    /// them, which is nearly all, appear as they are.
    /// </summary>
    public static string Part(string id) =>
        id.AsSpan().IndexOfAny('%', ':') < 0 ? id : id.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
