using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;

namespace StreamApi.Runs;

/// <summary>The runs the ingestor published, read from Redis on each request (StreamApi keeps no state).</summary>
public sealed class RunCatalog(IConnectionMultiplexer redis, RedisKeys keys)
{
    public async Task<RunMeta[]> GetAllAsync()
    {
        var stored = await redis.GetDatabase().StringGetAsync(keys.Runs);
        return stored.IsNullOrEmpty ? [] : JsonSerializer.Deserialize((byte[])stored!, WireJsonContext.Default.RunMetaArray) ?? [];
    }

    public async Task<RunMeta?> FindAsync(string runId) =>
        Array.Find(await GetAllAsync(), run => string.Equals(run.RunId, runId, StringComparison.Ordinal));
}
