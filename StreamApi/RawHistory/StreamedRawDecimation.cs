using Contracts.Redis;
using Decimation;
using StackExchange.Redis;

namespace StreamApi.RawHistory;

/// <summary>
/// Decimates a range chunk by chunk as the chunks arrive, never holding the range's points: the index gives the
/// total that LTTB's buckets are cut by (full chunks wholly in the range count 1024; the few it cuts, and the last,
/// are read first and counted), and step-ordered chunks, each sorted on its own, are the sorted points.
/// </summary>
internal static class StreamedRawDecimation
{
    /// <summary>
    /// The range decimated exactly as <see cref="EnvelopeDecimator.Decimate"/> would decimate its sorted points, or
    /// null when it cannot be done this way: the chunks overlap in step, the range cuts many chunks, or a chunk
    /// changed since the index was read. The caller then reads every point and sorts them.
    /// </summary>
    public static async Task<RawDecimation?> TryAsync(IDatabaseAsync database, RedisKey key, RawChunkPlan plan, RawRange range, int maxPoints)
    {
        var chunks = plan.Chunks;
        var uncounted = 0;
        for (var i = 0; i < chunks.Length; i++)
        {
            uncounted += plan.KnownCount(i) is null ? 1 : 0;
        }
        var counted = chunks.Length - uncounted;
        if (!plan.StepOrdered || uncounted > RawChunkBatches.ChunksPerBatch || plan.MaxPoints > Array.MaxLength)
        {
            return null;
        }

        var edges = new RawPointBuffer?[chunks.Length];
        try
        {
            var total = (counted * RawPointChunk.PointsPerChunk) + await ReadUncountedAsync(database, key, plan, range, edges).ConfigureAwait(false);
            var countedChunks = new int[counted];
            for (int i = 0, c = 0; i < chunks.Length; i++)
            {
                if (edges[i] is null)
                {
                    countedChunks[c++] = chunks[i];
                }
            }

            using var decimator = new StreamingEnvelopeDecimator(total, maxPoints);
            using var scratch = new RawPointBuffer(RawPointChunk.PointsPerChunk);
            var firstStep = 0L;
            await using var batches = RawChunkBatches.FetchAsync(database, key, countedChunks).GetAsyncEnumerator();
            RedisValue[] batch = [];
            var inBatch = 0;
            for (var i = 0; i < chunks.Length; i++)
            {
                var points = edges[i];
                if (points is null)
                {
                    if (inBatch == batch.Length)
                    {
                        (batch, inBatch) = (await batches.MoveNextAsync().ConfigureAwait(false) ? batches.Current : [], 0);
                    }
                    scratch.Clear();
                    // A full chunk wholly in the range that now has fewer points in it was rewritten after the index was read.
                    if (inBatch == batch.Length || batch[inBatch++] is not { IsNull: false } bytes
                        || scratch.AppendInRange((byte[])bytes!, range) != RawPointChunk.PointsPerChunk)
                    {
                        return null;
                    }
                    scratch.SortByStep();
                    points = scratch;
                }
                if (points.Count == 0)
                {
                    continue;
                }
                if (decimator.Added > 0 && points.Steps[0] < decimator.LastStep)
                {
                    return null;
                }
                firstStep = decimator.Added == 0 ? points.Steps[0] : firstStep;
                decimator.Add(points.Steps, points.TimesMs, points.Values);
            }
            return new RawDecimation(total, firstStep, decimator.LastStep, decimator.Finish());
        }
        finally
        {
            foreach (var edge in edges)
            {
                edge?.Dispose();
            }
        }
    }

    /// <summary>Reads the chunks whose count in the range the index does not tell, each sorted; returns their points in the range.</summary>
    private static async Task<int> ReadUncountedAsync(IDatabaseAsync database, RedisKey key, RawChunkPlan plan, RawRange range, RawPointBuffer?[] edges)
    {
        var positions = new List<int>(RawChunkBatches.ChunksPerBatch);
        for (var i = 0; i < plan.Chunks.Length; i++)
        {
            if (plan.KnownCount(i) is null)
            {
                positions.Add(i);
            }
        }
        if (positions.Count == 0)
        {
            return 0;
        }
        var fields = new RedisValue[positions.Count];
        for (var j = 0; j < positions.Count; j++)
        {
            fields[j] = RawPointChunk.ChunkField(plan.Chunks[positions[j]]);
        }
        var values = await database.HashGetAsync(key, fields).ConfigureAwait(false);
        var total = 0;
        for (var j = 0; j < positions.Count; j++)
        {
            var edge = edges[positions[j]] = new RawPointBuffer(RawPointChunk.PointsPerChunk);
            if (!values[j].IsNull)
            {
                total += edge.AppendInRange((byte[])values[j]!, range);
                edge.SortByStep();
            }
        }
        return total;
    }
}
