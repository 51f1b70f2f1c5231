using System.Collections.Concurrent;
using Contracts.Analytics;
using Contracts.Redis;
using StackExchange.Redis;
using StreamApi.RawHistory;

namespace StreamApi.Analytics.Histogram;

/// <summary>
/// The histogram of every batch loss of a log-directory run, from the full-resolution chunks in Redis
/// (<see cref="RawPointChunk"/>), decoded as they arrive in two passes: the first counts, finds the range and samples the
/// quartiles, the second bins. Memory stays at two fetched batches of chunks and the quartile sample, whatever the run's
/// length. An answer is kept per run and bin count until the series' index or point count changes, so a chart that
/// asks again while nothing was written costs two small reads. Redis failures propagate (the endpoint answers 503).
/// </summary>
public sealed class LossHistogramReader(IConnectionMultiplexer redis, RedisKeys keys)
{
    private const int MaxCachedAnswers = 256;

    private readonly ConcurrentDictionary<(string RunId, int? Bins), (int Stamp, LossHistogram Answer)> _cache = new();

    /// <param name="bins">The bin count asked for, or null for the rule's (see <see cref="BinRule"/>).</param>
    /// <returns>Null when the run has no batch losses.</returns>
    public async Task<LossHistogram?> ReadAsync(string runId, int? bins)
    {
        var database = redis.GetDatabase();
        var key = keys.RunRaw(runId, LossSeries.BatchLoss);
        var indexRead = database.HashGetAsync(key, RawPointChunk.IndexField);
        var countRead = database.HashGetAsync(keys.RunRawSeries(runId), LossSeries.BatchLoss);
        byte[]? index = await indexRead.ConfigureAwait(false);
        var pointCount = await countRead.ConfigureAwait(false);
        if (index is null || index.Length < RawPointChunk.IndexEntrySize)
        {
            return null;
        }
        var stamp = Stamp(index, pointCount);
        if (_cache.TryGetValue((runId, bins), out var cached) && cached.Stamp == stamp)
        {
            return cached.Answer;
        }

        var chunks = Enumerable.Range(0, index.Length / RawPointChunk.IndexEntrySize).ToArray();
        var survey = new LossSurvey(chunks.Length);
        await foreach (var batch in RawChunkBatches.FetchAsync(database, key, chunks).ConfigureAwait(false))
        {
            survey.AddBatch(batch);
        }
        var answer = survey.Count == 0 ? Empty(runId, survey, bins) : await BinAsync(runId, database, key, chunks, survey, bins).ConfigureAwait(false);
        if (_cache.Count >= MaxCachedAnswers)
        {
            _cache.Clear();
        }
        _cache[(runId, bins)] = (stamp, answer);
        return answer;
    }

    private static async Task<LossHistogram> BinAsync(string runId, IDatabaseAsync database, RedisKey key, int[] chunks, LossSurvey survey, int? requested)
    {
        var quartiles = survey.Sample.Quantiles(0.25, 0.75);
        var (bins, rule) = requested is { } asked ? (asked, BinRule.Requested) : BinRule.Choose(survey.Count, survey.Min, survey.Max, quartiles[1] - quartiles[0]);
        var histogram = new EqualBins(survey.Min, survey.Max, bins);
        await foreach (var batch in RawChunkBatches.FetchAsync(database, key, chunks).ConfigureAwait(false))
        {
            survey.Bin(batch, histogram);
        }
        return new LossHistogram
        {
            RunId = runId,
            Count = survey.Count,
            NonFinite = survey.NonFinite,
            Min = survey.Min,
            Max = survey.Max,
            Rule = rule,
            Edges = histogram.Edges,
            Counts = histogram.Counts,
        };
    }

    private static LossHistogram Empty(string runId, LossSurvey survey, int? requested) => new()
    {
        RunId = runId,
        Count = 0,
        NonFinite = survey.NonFinite,
        Rule = requested is null ? BinRule.Sturges : BinRule.Requested,
        Edges = [],
        Counts = [],
    };

    private static int Stamp(byte[] index, RedisValue pointCount)
    {
        var hash = new HashCode();
        hash.AddBytes(index);
        hash.Add(pointCount.ToString());
        return hash.ToHashCode();
    }
}
