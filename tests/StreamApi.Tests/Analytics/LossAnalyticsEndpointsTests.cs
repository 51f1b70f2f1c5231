using System.Globalization;
using System.Net;
using System.Text.Json;
using StreamApi.Tests.Support;
using TestSupport.Redis;

namespace StreamApi.Tests.Analytics;

public sealed class LossAnalyticsEndpointsTests
{
    private const string RunId = "icon-output@2022-01-01T06:00:00";
    private const string LastTimestep = "2022-01-01 08:30:00";

    [Theory]
    [InlineData(RedisServers.RedisServer)]
    [InlineData(RedisServers.Garnet)]
    public async Task Endpoints_AnswerExactly_WhatTheLogFilesSay(string redisKind)
    {
        await using var stack = await ServiceStack.StartAsync(redisKind, PrepareDirectory);
        var expected = ExpectedLosses.Read(stack.Directory);

        var status = await stack.WaitForAsync("/api/status", s => s.GetProperty("total_batches").GetInt64() == expected.All.Count);
        Assert.Equal(RunId, status.GetProperty("run_id").GetString());
        Assert.True(status.GetProperty("is_active").GetBoolean());
        Assert.Equal("2022-01-01T08:30:00", status.GetProperty("current_timestep").GetString());
        Assert.Equal(expected.Timesteps.Count, status.GetProperty("timesteps").GetInt32());
        Assert.Equal(0.385, status.GetProperty("latest_loss").GetDouble());
        AssertNonFinite(status.GetProperty("non_finite"), nan: 1, positive: 1, negative: 1);

        var statistics = await stack.GetJsonAsync("/api/loss/statistics");
        var finite = expected.Finite.Select(f => f.Value).ToArray();
        var mean = finite.Average();
        Assert.Equal(finite.Length, statistics.GetProperty("count").GetInt64());
        Assert.Equal(mean, statistics.GetProperty("mean").GetDouble(), 1e-14);
        Assert.Equal(Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length), statistics.GetProperty("std").GetDouble(), 1e-14);
        Assert.Equal(finite.Min(), statistics.GetProperty("min").GetDouble());
        Assert.Equal(finite.Max(), statistics.GetProperty("max").GetDouble());
        var sorted = finite.Order().ToArray();
        foreach (var p in new[] { 25, 50, 75, 90, 95, 99 })
        {
            Assert.Equal(Percentile(sorted, p), statistics.GetProperty("percentiles").GetProperty($"p{p}").GetDouble(), 1e-14);
        }
        Assert.Equal(Slope(expected.Finite), statistics.GetProperty("trend").GetProperty("slope").GetDouble(), 1e-12);
        Assert.Equal("decreasing", statistics.GetProperty("trend").GetProperty("direction").GetString());
        var first = expected.Timesteps[0].Finite.Average();
        var last = expected.Timesteps[^1].Finite.Average();
        Assert.Equal(first, statistics.GetProperty("improvement").GetProperty("first").GetDouble(), 1e-15);
        Assert.Equal(last, statistics.GetProperty("improvement").GetProperty("last").GetDouble(), 1e-15);
        Assert.Equal((first - last) / first * 100, statistics.GetProperty("improvement").GetProperty("percent").GetDouble(), 1e-12);
        AssertNonFinite(statistics.GetProperty("non_finite"), nan: 1, positive: 1, negative: 1);

        var timesteps = await stack.GetJsonAsync($"/api/loss/timesteps?run={Uri.EscapeDataString(RunId)}");
        Assert.Equal(expected.Timesteps.Select(t => t.Name.Replace(' ', 'T')), timesteps.GetProperty("timesteps").EnumerateArray().Select(t => t.GetString()));

        var history = await stack.GetJsonAsync("/api/loss/history?limit=50");
        Assert.Equal(50, history.GetProperty("limit").GetInt32());
        var summaries = history.GetProperty("timesteps").EnumerateArray().ToList();
        Assert.Equal(expected.Timesteps.Count, summaries.Count);
        for (var i = 0; i < summaries.Count; i++)
        {
            var values = expected.Timesteps[i].Finite;
            Assert.Equal(values.Count, summaries[i].GetProperty("count").GetInt32());
            Assert.Equal(values.Average(), summaries[i].GetProperty("mean").GetDouble(), 1e-15);
            Assert.Equal(values.Min(), summaries[i].GetProperty("min").GetDouble());
        }
        Assert.Equal(40, summaries[^2].GetProperty("global_step").GetInt64());

        var byTimestep = await stack.GetJsonAsync("/api/loss/by_timestep/" + Uri.EscapeDataString("2022-01-01 06:30:00"));
        Assert.Equal(expected.Timesteps[1].All, byTimestep.GetProperty("losses").EnumerateArray().Select(ReadNumber));

        var current = await stack.GetJsonAsync("/api/loss/current");
        Assert.Equal("2022-01-01T08:30:00", current.GetProperty("timestep").GetString());
        Assert.Equal(RunId, current.GetProperty("run_id").GetString());
        Assert.Equal(["0.41", "NaN", "Infinity", "-Infinity", "0.39", "0.385"], current.GetProperty("losses").EnumerateArray().Select(v => v.ToString()));

        var tags = await stack.GetJsonAsync("/api/tensorboard/scalars");
        var tagList = tags.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToList();
        Assert.Contains("Loss/batch", tagList);
        Assert.Contains("Learning_rate", tagList);
        Assert.Contains("Parameters/weight/mean", tagList);
        var batch = await stack.GetJsonAsync("/api/tensorboard/scalars?tag=" + Uri.EscapeDataString("Loss/batch"));
        Assert.Equal(expected.All.Select(a => a.Value), batch.GetProperty("values").EnumerateArray().Select(ReadNumber));
        Assert.Equal(expected.All.Select(a => a.Step), batch.GetProperty("steps").EnumerateArray().Select(s => s.GetInt64()));

        var health = await stack.GetJsonAsync("/api/health");
        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal(["logdir"], health.GetProperty("configured_sources").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, health.GetProperty("malformed_lines").GetInt64());
        Assert.Equal(0, health.GetProperty("corrupt_records").GetInt64());
    }

    [Fact]
    public async Task Endpoints_AnswerProblemDetails_ForBadOrUnknownParameters()
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, PrepareDirectory);
        await stack.WaitForAsync("/api/status", s => s.GetProperty("timesteps").GetInt32() == 6);

        await AssertProblem(stack, "/api/loss/history?limit=10", HttpStatusCode.BadRequest, "limit");
        await AssertProblem(stack, "/api/loss/history?limit=ten", HttpStatusCode.BadRequest, "limit");
        await AssertProblem(stack, "/api/loss/history?limit=1001", HttpStatusCode.BadRequest, "limit");
        await AssertProblem(stack, "/api/loss/by_timestep/yesterday", HttpStatusCode.BadRequest, "timestamp");
        await AssertProblem(stack, "/api/loss/by_timestep/2030-01-01T00:00:00", HttpStatusCode.NotFound);
        await AssertProblem(stack, "/api/status?run=no-such-run", HttpStatusCode.NotFound);
        await AssertProblem(stack, "/api/loss/statistics?run=no-such-run", HttpStatusCode.NotFound);
        await AssertProblem(stack, "/api/tensorboard/scalars?tag=no/such/tag", HttpStatusCode.NotFound);
        await AssertProblem(stack, "/api/tensorboard/scalars?tag=Loss/batch&max_points=1", HttpStatusCode.BadRequest, "max_points");
        await AssertProblem(stack, "/api/tensorboard/scalars?tag=Loss/batch&max_points=20001", HttpStatusCode.BadRequest, "max_points");
    }

    [Fact]
    public async Task Scalars_AnswerAtMostMaxPoints_WithTheEnvelopeOfWhatWasLeftOut()
    {
        const int Timesteps = 40, Batches = 250;
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, directory =>
        {
            for (var t = 0; t < Timesteps; t++)
            {
                // One spike per timestep, which LTTB may leave out but the envelope must keep.
                var losses = Enumerable.Range(0, Batches).Select(b => b == 123 ? 9.5 + t : 1.0 / (1 + (t * Batches) + b));
                var timestamp = new DateTime(2022, 1, 1, 6, 0, 0).AddMinutes(30 * t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                File.WriteAllText(Path.Combine(directory, $"log_{timestamp}.txt"), string.Join('\n', losses.Select(l => l.ToString("R", CultureInfo.InvariantCulture))) + "\n");
            }
        });
        await stack.WaitForAsync("/api/status", s => s.GetProperty("total_batches").GetInt64() == Timesteps * Batches);
        var path = "/api/tensorboard/scalars?tag=" + Uri.EscapeDataString("Loss/batch");

        using var answer = await stack.Http.GetAsync(path, TestContext.Current.CancellationToken);
        var bytes = await answer.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var byDefault = JsonDocument.Parse(bytes).RootElement;
        var few = await stack.GetJsonAsync(path + "&max_points=100");
        var all = await stack.GetJsonAsync(path + "&max_points=20000");

        Assert.Equal(2000, byDefault.GetProperty("steps").GetArrayLength());
        Assert.Equal(Timesteps * Batches, byDefault.GetProperty("total_points").GetInt64());
        Assert.True(bytes.Length < 1024 * 1024, $"the default answer is {bytes.Length} bytes");
        Assert.Equal(100, few.GetProperty("values").GetArrayLength());
        Assert.Equal(9.5 + Timesteps - 1, few.GetProperty("maxs").EnumerateArray().Max(m => m.GetDouble()));
        Assert.Equal(Timesteps * Batches, all.GetProperty("steps").GetArrayLength());
        Assert.False(all.TryGetProperty("maxs", out _));
    }

    [Fact]
    public async Task Ingestor_ShowsANewTimestep_AndRewritesEverything_AfterRedisRestarts()
    {
        await using var stack = await ServiceStack.StartAsync(RedisServers.RedisServer, PrepareDirectory);
        await stack.WaitForAsync("/api/status", s => s.GetProperty("timesteps").GetInt32() == 6);

        File.WriteAllText(Path.Combine(stack.Directory, "log_2022-01-01 09:00:00.txt"), "0.3\n0.2\n");
        await stack.WaitForAsync("/api/loss/current", c => c.GetProperty("timestep").GetString() == "2022-01-01T09:00:00");

        await stack.Redis.StopAsync();
        await stack.Redis.StartAsync();

        var status = await stack.WaitForAsync("/api/status", s => s.GetProperty("timesteps").GetInt32() == 7);
        Assert.Equal(ExpectedLosses.Read(stack.Directory).All.Count, status.GetProperty("total_batches").GetInt64());
        var history = await stack.WaitForAsync("/api/loss/history", h => h.GetProperty("timesteps").GetArrayLength() == 7);
        Assert.Equal(100, history.GetProperty("limit").GetInt32());
        var batch = await stack.GetJsonAsync("/api/tensorboard/scalars?tag=" + Uri.EscapeDataString("Loss/batch"));
        Assert.Equal(ExpectedLosses.Read(stack.Directory).All.Count, batch.GetProperty("values").GetArrayLength());

        // Keys lost while the connection stays up (an operator's FLUSHALL): the missing epoch key says so.
        using (var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(stack.Redis.ConnectionString + ",allowAdmin=true"))
        {
            await connection.GetServers()[0].FlushAllDatabasesAsync();
        }
        await stack.WaitForAsync("/api/loss/timesteps", t => t.GetProperty("timesteps").GetArrayLength() == 7);
    }

    private static void PrepareDirectory(string directory)
    {
        ServiceStack.CopyDirectory(ServiceStack.TestData("icon"), directory);
        ServiceStack.CopyDirectory(ServiceStack.TestData("tensorboard", "runs"), Path.Combine(directory, "runs"));
        File.WriteAllText(Path.Combine(directory, $"log_{LastTimestep}.txt"), "0.41\nnan\ninf\n-inf\noops\n0.39\n0.385\n");
        File.WriteAllText(Path.Combine(directory, $"summary_{LastTimestep}.txt"),
            $"Timestep: {LastTimestep}\nGlobal Step: 47\nNumber of Batches: 7\nMean Loss: nan\nStd Loss: nan\nMin Loss: nan\nMax Loss: nan\n");
    }

    private static async Task AssertProblem(ServiceStack stack, string path, HttpStatusCode status, string? parameter = null)
    {
        using var response = await stack.Http.GetAsync(path);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        if (parameter is not null)
        {
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out _), $"{path}: no error for {parameter}");
        }
    }

    private static void AssertNonFinite(JsonElement counts, long nan, long positive, long negative)
    {
        Assert.Equal(nan, counts.GetProperty("nan").GetInt64());
        Assert.Equal(positive, counts.GetProperty("positive_infinity").GetInt64());
        Assert.Equal(negative, counts.GetProperty("negative_infinity").GetInt64());
    }

    private static double ReadNumber(JsonElement value) => value.ValueKind == JsonValueKind.String
        ? double.Parse(value.GetString()!, CultureInfo.InvariantCulture)
        : value.GetDouble();

    private static double Percentile(double[] sorted, double percent)
    {
        var rank = percent / 100 * (sorted.Length - 1);
        var below = (int)Math.Floor(rank);
        return sorted[below] + ((sorted[(int)Math.Ceiling(rank)] - sorted[below]) * (rank - below));
    }

    private static double Slope(IReadOnlyList<(long Step, double Value)> points)
    {
        var n = (decimal)points.Count;
        var sx = points.Sum(p => (decimal)p.Step);
        var sy = points.Sum(p => (decimal)p.Value);
        var sxy = points.Sum(p => p.Step * (decimal)p.Value);
        var sxx = points.Sum(p => (decimal)p.Step * p.Step);
        return (double)(((n * sxy) - (sx * sy)) / ((n * sxx) - (sx * sx)));
    }
}
