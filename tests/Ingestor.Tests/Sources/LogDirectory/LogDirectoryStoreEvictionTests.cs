using Contracts.Redis;
using Ingestor.Model;
using Ingestor.Publishing.LogDirectoryState;
using Ingestor.Sources.LogDirectory.Store;

namespace Ingestor.Tests.Sources.LogDirectory;

public sealed class LogDirectoryStoreEvictionTests
{
    private static readonly TimeSpan Retention = TimeSpan.FromMinutes(10);
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_795_000_000);
    private readonly LogDirectoryStore _store = new();

    [Fact]
    public void UnreferencedRun_IsDropped_OnceWrittenFinishedAndPastTheRetention()
    {
        var run = Written("old-generation");
        HashSet<string> referenced = [];

        Assert.Equal(0, _store.EvictUnreferenced(referenced, Start, Retention));
        Assert.Equal(0, _store.EvictUnreferenced(referenced, Start + Retention - TimeSpan.FromSeconds(1), Retention));
        Assert.Equal(1, _store.EvictUnreferenced(referenced, Start + Retention, Retention));

        Assert.False(_store.TryGet(run.RunId, out _));
    }

    [Fact]
    public void ReferencedRun_IsKept_HoweverLongItIsFinished()
    {
        Written("current");

        Assert.Equal(0, _store.EvictUnreferenced(Referenced("current"), Start, Retention));
        Assert.Equal(0, _store.EvictUnreferenced(Referenced("current"), Start + (100 * Retention), Retention));

        Assert.True(_store.TryGet("current", out _));
    }

    [Fact]
    public void UnreferencedRun_IsKept_WhileRedisDoesNotHoldAllOfIt()
    {
        var run = Written("old-generation");
        run.Set("loss", new MetricSample(99, 1_795_000_099_000, 0.5));

        Assert.Equal(0, _store.EvictUnreferenced(Referenced(), Start, Retention));
        Assert.Equal(0, _store.EvictUnreferenced(Referenced(), Start + (2 * Retention), Retention));

        RedisWork.Take(_store, new RedisKeys());
        Assert.Equal(1, _store.EvictUnreferenced(Referenced(), Start + (2 * Retention), Retention));
    }

    [Fact]
    public void UnreferencedRun_IsKept_UntilTheSinkWasToldItFinished()
    {
        var run = Written("old-generation");
        run.PublishedMeta = run.PublishedMeta! with { IsActive = true };

        Assert.Equal(0, _store.EvictUnreferenced(Referenced(), Start, Retention));
        Assert.Equal(0, _store.EvictUnreferenced(Referenced(), Start + (2 * Retention), Retention));
    }

    private static HashSet<string> Referenced(params string[] runIds) => new(runIds, StringComparer.Ordinal);

    /// <summary>A run with points, all of it taken for Redis, and announced to the sink as finished.</summary>
    private LogRun Written(string runId)
    {
        var run = _store.GetOrAdd(runId);
        for (var step = 0; step < 10; step++)
        {
            run.Set("loss", new MetricSample(step, 1_795_000_000_000 + (step * 1000L), 1.0 / (step + 1)));
        }
        RedisWork.Take(_store, new RedisKeys());
        run.PublishedMeta = run.ToMeta(Start + TimeSpan.FromHours(1), TimeSpan.FromMinutes(1));
        Assert.False(run.PublishedMeta.IsActive);
        return run;
    }
}
