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
/// <item><see cref="RunSeries"/>: hash per run, field = series id, value = SeriesPoints JSON of the whole decimated series.</item>
/// <item><see cref="RunRaw"/>: hash per log-directory series, full-resolution points in chunks (see <see cref="RawPointChunk"/>).</item>
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
    }

    public string Sequence { get; }

    public string Channel { get; }

    public string ReplayLog { get; }

    public string SnapshotSequence { get; }

    public string Runs { get; }

    public string RunSeries(string runId) => $"{_prefix}:run:{runId}:series";

    public string RunRaw(string runId, string seriesId) => $"{_prefix}:run:{runId}:raw:{seriesId}";
}
