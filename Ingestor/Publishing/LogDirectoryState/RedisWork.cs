using System.Globalization;
using System.Text.Json;
using Contracts.Analytics;
using Contracts.Redis;
using Ingestor.Sources.LogDirectory.Store;
using StackExchange.Redis;

namespace Ingestor.Publishing.LogDirectoryState;

/// <summary>
/// The writes one flush makes, taken from the store under its lock (serialized there, so the lock is held only
/// for copying) and put back as dirty if Redis refuses them. Every write sets whole values, so repeating one is
/// harmless. One piece of work holds about a byte budget at most, so that writing a large backlog (a cold start,
/// a Redis restarted empty) goes out in bounded pieces instead of all of it serialized at once.
/// </summary>
public sealed class RedisWork
{
    /// <summary>About what one timestep's summary JSON takes.</summary>
    private const long SummaryBytes = 320;

    private long _bytes;
    private long _budget = long.MaxValue;

    private readonly List<(string Key, HashEntry[] Entries)> _hashes = [];
    private readonly List<(string Key, byte[] Value)> _strings = [];
    private readonly List<(RawSeries Series, int FromChunk, LogRun Run)> _series = [];
    private readonly List<(LossAnalytics Loss, DateTime[] Timesteps, bool Statistics)> _losses = [];
    private readonly List<LogRun> _statuses = [];

    public bool IsEmpty => _hashes.Count == 0 && _strings.Count == 0;

    /// <summary>The budget ran out before everything dirty was taken: take again once this is written.</summary>
    public bool More { get; private set; }

    private bool Full => _bytes >= _budget;

    /// <summary>
    /// Takes what is dirty out of the store, about <paramref name="budgetBytes"/> of it at most (at least one chunk or
    /// timestep); <see cref="More"/> says whether some was left. Call under the store's lock.
    /// </summary>
    public static RedisWork Take(LogDirectoryStore store, RedisKeys keys, long budgetBytes = long.MaxValue)
    {
        var work = new RedisWork { _budget = budgetBytes };
        var statuses = new List<HashEntry>();
        foreach (var run in store.Runs)
        {
            if (work.Full)
            {
                work.More = true;
                break;
            }
            work.TakeSeries(run, keys);
            if (run.Loss is { } loss)
            {
                work.TakeLoss(run.RunId, loss, keys);
            }
            if (run.StatusDirty && run.Series.Count > 0)
            {
                statuses.Add(new HashEntry(run.RunId, JsonSerializer.SerializeToUtf8Bytes(run.BuildStatus(), AnalyticsJsonContext.Default.LossStatus)));
                work._statuses.Add(run);
                run.StatusDirty = false;
            }
        }
        if (statuses.Count > 0)
        {
            work._hashes.Add((keys.LogDirectoryRuns, [.. statuses]));
        }
        return work;
    }

    public async Task ExecuteAsync(IDatabase database)
    {
        var batch = database.CreateBatch();
        var writes = new List<Task>(_hashes.Count + _strings.Count);
        foreach (var (key, entries) in _hashes)
        {
            writes.Add(batch.HashSetAsync(key, entries));
        }
        foreach (var (key, value) in _strings)
        {
            writes.Add(batch.StringSetAsync(key, value));
        }
        batch.Execute();
        await Task.WhenAll(writes).ConfigureAwait(false);
    }

    /// <summary>Marks everything this work held as dirty again. Call under the store's lock.</summary>
    public void Restore()
    {
        foreach (var (series, fromChunk, run) in _series)
        {
            series.MarkDirty(fromChunk);
            run.SeriesListDirty = true;
        }
        foreach (var (loss, timesteps, statistics) in _losses)
        {
            loss.DirtyTimesteps.UnionWith(timesteps);
            loss.StatisticsDirty |= statistics;
        }
        foreach (var run in _statuses)
        {
            run.StatusDirty = true;
        }
    }

    private void TakeSeries(LogRun run, RedisKeys keys)
    {
        var anyDirty = false;
        foreach (var series in run.Series.Values)
        {
            if (!series.IsDirty)
            {
                continue;
            }
            if (Full)
            {
                More = true;
                break;
            }
            anyDirty = true;
            var from = series.DirtyFromChunk;
            var entries = new List<HashEntry>();
            var to = from;
            while (to < series.ChunkCount && (to == from || !Full))
            {
                // The series' own bytes: they never change once handed out, so they go without a copy.
                var bytes = series.Encoded(to);
                entries.Add(new HashEntry(RawPointChunk.ChunkField(to), bytes));
                _bytes += bytes.Length;
                to++;
            }
            // The index names only chunks written with it or before, so a reader never meets an entry without its chunk.
            var index = new byte[to * RawPointChunk.IndexEntrySize];
            for (var chunk = 0; chunk < to; chunk++)
            {
                RawPointChunk.WriteIndexEntry(index.AsSpan(chunk * RawPointChunk.IndexEntrySize), series.Extent(chunk));
            }
            entries.Add(new HashEntry(RawPointChunk.IndexField, index));
            _hashes.Add((keys.RunRaw(run.RunId, series.SeriesId), [.. entries]));
            _series.Add((series, from, run));
            series.MarkWrittenBefore(to);
            More |= series.IsDirty;
        }

        if (anyDirty || run.SeriesListDirty)
        {
            _hashes.Add((keys.RunRawSeries(run.RunId),
                [.. run.Series.Values.Select(s => new HashEntry(s.SeriesId, s.Count.ToString(CultureInfo.InvariantCulture)))]));
            run.SeriesListDirty = false;
        }
    }

    private void TakeLoss(string runId, LossAnalytics loss, RedisKeys keys)
    {
        if (loss.DirtyTimesteps.Count == 0 && !loss.StatisticsDirty)
        {
            return;
        }
        var timesteps = TakeTimesteps(loss);
        if (timesteps.Length > 0)
        {
            var summaries = new HashEntry[timesteps.Length];
            for (var i = 0; i < timesteps.Length; i++)
            {
                loss.TryGet(timesteps[i], out var timestep);
                var summary = JsonSerializer.SerializeToUtf8Bytes(loss.Summarize(timestep), AnalyticsJsonContext.Default.TimestepSummary);
                summaries[i] = new HashEntry(TimestepFormat.Format(timesteps[i]), summary);
                _bytes += summary.Length;
            }
            _hashes.Add((keys.LossTimestepSummaries(runId), summaries));
        }
        var statistics = loss.StatisticsDirty;
        if (statistics)
        {
            _strings.Add((keys.LossStatistics(runId), JsonSerializer.SerializeToUtf8Bytes(loss.BuildStatistics(), AnalyticsJsonContext.Default.LossStatistics)));
            loss.StatisticsDirty = false;
        }
        _losses.Add((loss, timesteps, statistics));
    }

    /// <summary>
    /// Dirty timesteps whose losses are in Redis (taken above, or before), as many as the budget allows at about what
    /// a summary costs, the newest first so that a cold start shows the latest state soonest; those left stay dirty.
    /// A timestep's losses are served from the batch-loss series, so its summary never goes out before them.
    /// </summary>
    private DateTime[] TakeTimesteps(LossAnalytics loss)
    {
        if (loss.DirtyTimesteps.Count == 0)
        {
            return [];
        }
        var ready = loss.DirtyTimesteps.Where(t => loss.TryGet(t, out var timestep) && loss.IsWritten(timestep)).ToList();
        More |= ready.Count < loss.DirtyTimesteps.Count;
        var room = Full ? 1 : Math.Max(1, (_budget - _bytes) / SummaryBytes);
        var taken = room >= ready.Count ? ready.ToArray() : ready.Order().TakeLast((int)room).ToArray();
        More |= taken.Length < ready.Count;
        loss.DirtyTimesteps.ExceptWith(taken);
        return taken;
    }
}
