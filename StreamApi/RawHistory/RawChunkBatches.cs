using Contracts.Redis;
using StackExchange.Redis;

namespace StreamApi.RawHistory;

/// <summary>
/// Fetches chunks of a series' hash <see cref="ChunksPerBatch"/> per HMGET, asking for the next batch before the
/// caller works on the current one: Redis and the caller overlap, and at most two batches (about 3 MiB) are held at
/// once however long the series.
/// </summary>
internal static class RawChunkBatches
{
    public const int ChunksPerBatch = 64;

    /// <summary>The chunks' bytes in the order asked (null for a chunk that is missing), one batch at a time.</summary>
    public static async IAsyncEnumerable<RedisValue[]> FetchAsync(IDatabaseAsync database, RedisKey key, ReadOnlyMemory<int> chunks)
    {
        var next = chunks.IsEmpty ? null : Fetch(database, key, chunks.Span[..Math.Min(ChunksPerBatch, chunks.Length)]);
        try
        {
            for (var start = 0; next is not null; start += ChunksPerBatch)
            {
                var current = await next.ConfigureAwait(false);
                var following = start + ChunksPerBatch;
                next = following < chunks.Length
                    ? Fetch(database, key, chunks.Span.Slice(following, Math.Min(ChunksPerBatch, chunks.Length - following)))
                    : null;
                yield return current;
            }
        }
        finally
        {
            // A caller that stops early leaves one batch in flight: observe it, so that its failure is not reported as unobserved.
            if (next is not null)
            {
                await next.ContinueWith(static fetch => _ = fetch.Exception, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }

    private static Task<RedisValue[]> Fetch(IDatabaseAsync database, RedisKey key, ReadOnlySpan<int> chunks)
    {
        var fields = new RedisValue[chunks.Length];
        for (var i = 0; i < chunks.Length; i++)
        {
            fields[i] = RawPointChunk.ChunkField(chunks[i]);
        }
        return database.HashGetAsync(key, fields);
    }
}
