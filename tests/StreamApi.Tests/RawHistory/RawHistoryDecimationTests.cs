using System.Diagnostics.Metrics;
using Contracts.Redis;
using Decimation;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using StreamApi.RawHistory;
using StreamApi.Telemetry;
using TestSupport.Redis;

namespace StreamApi.Tests.RawHistory;

/// <summary>
/// The decimated read of a large series equals the batch decimator over the same points sorted by step (a stable
/// sort, as the reader promises), however the chunks are ordered and whatever the range cuts.
/// </summary>
public sealed class RawHistoryDecimationTests : IDisposable
{
    private const int PointCount = 100_000;
    private const long StartMs = 1_700_000_000_000;
    private static readonly RedisKeys Keys = new("test");
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Decimate_EqualsTheBatchDecimator_ForStepsThatOnlyGrow(string redisKind)
    {
        await using var redis = await RedisServers.StartAsync(redisKind);
        var (connection, reader) = await ConnectAsync(redis);
        using var _ = connection;
        var points = Series(PointCount, seed: 1);
        await RawChunkWriter.WriteAsync(connection.GetDatabase(), Keys.RunRaw("r1", "s"), points);

        await AssertEqualsBatchAsync(reader, points, RawRange.All, 2000);
        await AssertEqualsBatchAsync(reader, points, RawRange.All, 2);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromStep: 1500, ToStep: 77_777), 2000);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromTimeMs: StartMs + 250_000, ToTimeMs: StartMs + 900_123), 500);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromStep: 99_990), 2000);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromStep: PointCount + 5), 2000);
    }

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Decimate_EqualsTheBatchDecimator_WhenChunksArriveOutOfOrder(string redisKind)
    {
        await using var redis = await RedisServers.StartAsync(redisKind);
        var (connection, reader) = await ConnectAsync(redis);
        using var _ = connection;
        // Whole chunks of steps in a shuffled order, then the points inside every fifth chunk shuffled too.
        var chunks = Series(PointCount, seed: 2).Chunk(RawPointChunk.PointsPerChunk).ToArray();
        new Random(3).Shuffle(chunks);
        for (var c = 0; c < chunks.Length; c += 5)
        {
            new Random(c).Shuffle(chunks[c]);
        }
        var points = chunks.SelectMany(chunk => chunk).ToList();
        await RawChunkWriter.WriteAsync(connection.GetDatabase(), Keys.RunRaw("r1", "s"), points);

        await AssertEqualsBatchAsync(reader, points, RawRange.All, 2000);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromStep: 10_000, ToStep: 60_000), 333);
    }

    [Fact]
    public async Task Decimate_EqualsTheBatchDecimator_WhenOnlyPointsWithinChunksAreOutOfOrder()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        var (connection, reader) = await ConnectAsync(redis);
        using var _ = connection;
        var chunks = Series(PointCount, seed: 4).Chunk(RawPointChunk.PointsPerChunk).ToArray();
        foreach (var chunk in chunks)
        {
            new Random(chunk.Length).Shuffle(chunk);
        }
        var points = chunks.SelectMany(chunk => chunk).ToList();
        await RawChunkWriter.WriteAsync(connection.GetDatabase(), Keys.RunRaw("r1", "s"), points);

        await AssertEqualsBatchAsync(reader, points, RawRange.All, 2000);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromStep: 4321, ToStep: 54_321), 2000);
    }

    [Fact]
    public async Task Decimate_KeepsArrivalOrderWithinAStep_WhenATrainingRestartRepeatsSteps()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        var (connection, reader) = await ConnectAsync(redis);
        using var _ = connection;
        // Steps 0..59,999, then a restart from step 30,000 writes 30,000..99,999 again with other values and later times.
        var first = Series(60_000, seed: 5);
        var again = Series(PointCount, seed: 6).Skip(30_000).Select(p => (p.Step, p.TimeMs + 10_000_000, p.Value)).ToList();
        var points = first.Concat(again).ToList();
        await RawChunkWriter.WriteAsync(connection.GetDatabase(), Keys.RunRaw("r1", "s"), points);

        await AssertEqualsBatchAsync(reader, points, RawRange.All, 2000);
        await AssertEqualsBatchAsync(reader, points, RawRange.All, 9999);
        await AssertEqualsBatchAsync(reader, points, new RawRange(FromTimeMs: StartMs + 10_000_000), 2000);
    }

    [Fact]
    public async Task Decimate_ReadsThePointsAsTheyAre_WhenTheIndexUnderstatesAChunksExtent()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        var (connection, reader) = await ConnectAsync(redis);
        using var _ = connection;
        // As if chunk 40 was rewritten with later times after the index was read: the index says it lies wholly in the range.
        var points = Series(PointCount, seed: 7).Select((p, i) => i / RawPointChunk.PointsPerChunk == 40 && i % 2 == 0 ? (p.Step, p.TimeMs + 5_000_000, p.Value) : p).ToList();
        await RawChunkWriter.WriteAsync(connection.GetDatabase(), Keys.RunRaw("r1", "s"), points,
            (chunk, extent) => chunk == 40 ? extent with { MaxTimeMs = extent.MinTimeMs + 10 * RawPointChunk.PointsPerChunk } : extent);

        await AssertEqualsBatchAsync(reader, points, new RawRange(ToTimeMs: StartMs + 2_000_000), 2000);
    }

    [Fact]
    public async Task Decimate_ReturnsNull_ForASeriesThatDoesNotExist()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        var (connection, reader) = await ConnectAsync(redis);
        using var _ = connection;

        Assert.Null(await reader.DecimateAsync("r1", "no/such/series", RawRange.All, 2000));
    }

    private static async Task AssertEqualsBatchAsync(RawHistoryReader reader, List<(long Step, long TimeMs, double Value)> written, RawRange range, int maxPoints)
    {
        var expected = written.Where(p => range.Contains(p.Step, p.TimeMs)).OrderBy(p => p.Step).ToArray();
        var steps = expected.Select(p => p.Step).ToArray();

        var decimation = await reader.DecimateAsync("r1", "s", range, maxPoints);

        Assert.NotNull(decimation);
        Assert.Equal(expected.Length, decimation.RawCount);
        Assert.Equal(EnvelopeDecimator.Decimate(steps, [.. expected.Select(p => p.TimeMs)], [.. expected.Select(p => p.Value)], maxPoints), decimation.Points);
        if (expected.Length > 0)
        {
            Assert.Equal((steps[0], steps[^1]), (decimation.FirstStep, decimation.LastStep));
        }
    }

    /// <summary>A noisy loss, one point per step 10 ms apart, with a NaN or an infinity now and then.</summary>
    private static List<(long Step, long TimeMs, double Value)> Series(int count, int seed)
    {
        var random = new Random(seed);
        double[] nonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];
        return [.. Enumerable.Range(0, count).Select(i => (
            (long)i, StartMs + (i * 10L),
            random.Next(997) == 0 ? nonFinite[random.Next(3)] : (2.0 * Math.Exp(-i / 20_000.0)) + (0.1 * random.NextDouble())))];
    }

    private async Task<(ConnectionMultiplexer Connection, RawHistoryReader Reader)> ConnectAsync(IRedisServer redis)
    {
        var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return (connection, new RawHistoryReader(connection, Keys, new StreamApiMetrics(_services.GetRequiredService<IMeterFactory>())));
    }
}
