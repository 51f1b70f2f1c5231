using System.Net;
using System.Text.Json;
using Contracts.Analytics;
using Contracts.Redis;
using StackExchange.Redis;
using StreamApi.Tests.RawHistory;
using TestSupport.Processes;
using TestSupport.Redis;

namespace StreamApi.Tests.Analytics.Histogram;

/// <summary>
/// <c>/api/loss/histogram</c> of the real StreamApi over batch losses written to a real Redis in the ingestor's layout,
/// against histograms worked out by hand.
/// </summary>
public sealed class LossHistogramTests
{
    private static readonly RedisKeys Keys = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Histogram_CountsEveryFiniteLossIntoTheBinsAsked_AndNonFiniteApart()
    {
        await using var rig = await Rig.StartAsync();
        await rig.WriteLossesAsync("r", [3.0, double.NaN, 0.0, 10.0, 2.0, double.PositiveInfinity, 1.0, 2.5, double.NegativeInfinity, 4.0, double.PositiveInfinity]);

        var histogram = await rig.GetAsync("/api/loss/histogram?run=r&bins=5");

        Assert.Equal("r", histogram.GetProperty("run_id").GetString());
        Assert.Equal(7, histogram.GetProperty("count").GetInt64());
        Assert.Equal("""{"nan":1,"positive_infinity":2,"negative_infinity":1}""", histogram.GetProperty("non_finite").GetRawText());
        Assert.Equal(0.0, histogram.GetProperty("min").GetDouble());
        Assert.Equal(10.0, histogram.GetProperty("max").GetDouble());
        Assert.Equal("requested", histogram.GetProperty("rule").GetString());
        Assert.Equal([0.0, 2, 4, 6, 8, 10], Doubles(histogram.GetProperty("edges")));
        // A loss on an edge belongs to the bin it opens (2.0, 4.0); the largest to the last bin.
        Assert.Equal([2L, 3, 1, 0, 1], Longs(histogram.GetProperty("counts")));
    }

    [Fact]
    public async Task Histogram_ChoosesBinsByFreedmanDiaconis_AcrossChunks_AndAnswersAgainWhenLossesArrive()
    {
        await using var rig = await Rig.StartAsync();
        // 3000 losses evenly over [0, 1] (three chunks): IQR 0.5, width 2 * 0.5 / cbrt(3000) = 0.0693, so 15 bins of 200.
        var losses = Enumerable.Range(0, 3000).Select(k => k / 2999.0).Reverse().ToList();
        await rig.WriteLossesAsync("r", losses);

        var histogram = await rig.GetAsync("/api/loss/histogram?run=r");

        Assert.Equal("freedman-diaconis", histogram.GetProperty("rule").GetString());
        Assert.Equal(3000, histogram.GetProperty("count").GetInt64());
        Assert.Equal(16, histogram.GetProperty("edges").GetArrayLength());
        Assert.Equal(1.0, Doubles(histogram.GetProperty("edges"))[^1]);
        Assert.Equal(Enumerable.Repeat(200L, 15), Longs(histogram.GetProperty("counts")));

        await rig.WriteLossesAsync("r", [.. losses, 2.0]);
        var grown = await rig.GetAsync("/api/loss/histogram?run=r");
        Assert.Equal(3001, grown.GetProperty("count").GetInt64());
        Assert.Equal(2.0, grown.GetProperty("max").GetDouble());
    }

    [Fact]
    public async Task Histogram_UsesSturges_WhenTheInterquartileRangeIsZero_AndWidensASingleValue()
    {
        await using var rig = await Rig.StartAsync();
        await rig.WriteLossesAsync("mostly-ones", [.. Enumerable.Repeat(1.0, 90), .. Enumerable.Repeat(2.0, 10)]);
        await rig.WriteLossesAsync("constant", [5.0, 5.0, 5.0]);
        await rig.WriteLossesAsync("only-nan", [double.NaN]);

        var sturges = await rig.GetAsync("/api/loss/histogram?run=mostly-ones");
        var constant = await rig.GetAsync("/api/loss/histogram?run=constant&bins=2");
        var onlyNaN = await rig.GetAsync("/api/loss/histogram?run=only-nan");

        // ceil(log2(100)) + 1 = 8 bins, raised to the minimum of 10.
        Assert.Equal("sturges", sturges.GetProperty("rule").GetString());
        Assert.Equal([90L, 0, 0, 0, 0, 0, 0, 0, 0, 10], Longs(sturges.GetProperty("counts")));
        Assert.Equal([4.5, 5.0, 5.5], Doubles(constant.GetProperty("edges")));
        Assert.Equal([0L, 3], Longs(constant.GetProperty("counts")));
        Assert.Equal(0, onlyNaN.GetProperty("count").GetInt64());
        Assert.Equal(1, onlyNaN.GetProperty("non_finite").GetProperty("nan").GetInt64());
        Assert.False(onlyNaN.TryGetProperty("min", out _));
        Assert.Equal(0, onlyNaN.GetProperty("edges").GetArrayLength());
    }

    [Fact]
    public async Task Histogram_AnswersProblems_ForHostileBinsAndRunsWithoutLosses()
    {
        await using var rig = await Rig.StartAsync();
        await rig.WriteLossesAsync("r", [1.0, 2.0]);
        await rig.WriteStatusAsync("no-losses");

        foreach (var bins in new[] { "0", "1", "501", "-2", "abc", "2.5", "1e3", "99999999999999999999" })
        {
            using var response = await rig.Http.GetAsync("/api/loss/histogram?run=r&bins=" + Uri.EscapeDataString(bins), Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            Assert.Contains("2 to 500", problem.RootElement.GetProperty("errors").GetProperty("bins")[0].GetString());
        }
        using var noLosses = await rig.Http.GetAsync("/api/loss/histogram?run=no-losses", Ct);
        using var unknown = await rig.Http.GetAsync("/api/loss/histogram?run=no-such-run", Ct);
        Assert.Equal(HttpStatusCode.NotFound, noLosses.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(500, (await rig.GetAsync("/api/loss/histogram?run=r&bins=500")).GetProperty("counts").GetArrayLength());
    }

    private static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    private static long[] Longs(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt64())];

    private sealed class Rig : IAsyncDisposable
    {
        private readonly IRedisServer _redis;
        private readonly ConnectionMultiplexer _connection;
        private readonly ServiceProcess _streamApi;

        private Rig(IRedisServer redis, ConnectionMultiplexer connection, ServiceProcess streamApi)
        {
            _redis = redis;
            _connection = connection;
            _streamApi = streamApi;
            Http = new HttpClient { BaseAddress = streamApi.BaseAddress };
        }

        public HttpClient Http { get; }

        public static async Task<Rig> StartAsync()
        {
            var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
            var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
            var streamApi = await ServiceProcess.StartAsync("StreamApi", new Dictionary<string, string?> { ["ConnectionStrings__redis"] = redis.ConnectionString });
            return new Rig(redis, connection, streamApi);
        }

        /// <summary>The run's status and its batch losses at steps 0, 1, ..., as the ingestor writes them.</summary>
        public async Task WriteLossesAsync(string runId, IReadOnlyList<double> losses)
        {
            await WriteStatusAsync(runId);
            var database = _connection.GetDatabase();
            await RawChunkWriter.WriteAsync(database, Keys.RunRaw(runId, LossSeries.BatchLoss),
                [.. losses.Select((loss, i) => ((long)i, 1_700_000_000_000L + i, loss))]);
            await database.HashSetAsync(Keys.RunRawSeries(runId), LossSeries.BatchLoss, losses.Count);
        }

        public Task WriteStatusAsync(string runId) => _connection.GetDatabase().HashSetAsync(Keys.LogDirectoryRuns, runId, JsonSerializer.SerializeToUtf8Bytes(
            new LossStatus { RunId = runId, Timesteps = 0, TotalBatches = 0, LastUpdate = DateTimeOffset.UtcNow, NonFinite = NonFiniteCounts.None },
            AnalyticsJsonContext.Default.LossStatus));

        public async Task<JsonElement> GetAsync(string path)
        {
            using var response = await Http.GetAsync(path, Ct);
            var body = await response.Content.ReadAsStringAsync(Ct);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {body}");
            using var document = JsonDocument.Parse(body);
            return document.RootElement.Clone();
        }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await _streamApi.DisposeAsync();
            await _connection.DisposeAsync();
            await _redis.DisposeAsync();
        }
    }
}
