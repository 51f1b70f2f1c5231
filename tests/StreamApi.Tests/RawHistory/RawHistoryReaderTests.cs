using System.Diagnostics.Metrics;
using Contracts.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using StreamApi.RawHistory;
using StreamApi.Telemetry;
using TestSupport.Redis;

namespace StreamApi.Tests.RawHistory;

public sealed class RawHistoryReaderTests
{
    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Reader_ReturnsExactlyThePointsInRange_ByStep_AcrossChunks(string redisKind)
    {
        await using var redis = await RedisServers.StartAsync(redisKind);
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var keys = new RedisKeys("test");
        var reader = new RawHistoryReader(connection, keys, new StreamApiMetrics(services.GetRequiredService<IMeterFactory>()));

        // 2500 points in three chunks, written as the documented layout says; the last two arrive out of order.
        var points = Enumerable.Range(0, 2500).Select(i => (Step: (long)i, TimeMs: 1_000_000L + (i * 10), Value: i == 7 ? double.NaN : i * 0.5)).ToList();
        (points[^1], points[^2]) = (points[^2], points[^1]);
        await RawChunkWriter.WriteAsync(connection.GetDatabase(), keys.RunRaw("r1", "Loss/batch"), points);
        await connection.GetDatabase().HashSetAsync(keys.RunRawSeries("r1"), "Loss/batch", points.Count);

        var all = await reader.ReadAsync("r1", "Loss/batch", RawRange.All);
        Assert.NotNull(all);
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => (long)i), all.Steps);
        Assert.True(double.IsNaN(all.Values[7]));
        Assert.Equal(2499 * 0.5, all.Values[^1]);

        var bySteps = await reader.ReadAsync("r1", "Loss/batch", new RawRange(1000, 1100));
        Assert.Equal(Enumerable.Range(1000, 101).Select(i => (long)i), bySteps!.Steps);

        var byTime = await reader.ReadAsync("r1", "Loss/batch", new RawRange(FromTimeMs: 1_000_000L + 20_000, ToTimeMs: 1_000_000L + 20_050));
        Assert.Equal([2000L, 2001, 2002, 2003, 2004, 2005], byTime!.Steps);
        Assert.Equal(byTime.Steps.Select(s => 1_000_000L + (s * 10)), byTime.TimesMs);

        Assert.Null(await reader.ReadAsync("r1", "no/such/series", RawRange.All));
        Assert.Equal(2500, (await reader.ListSeriesAsync("r1"))["Loss/batch"]);
        Assert.Empty(await reader.ListSeriesAsync("no-such-run"));
    }
}
