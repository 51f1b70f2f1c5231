using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Contracts.Redis;
using Contracts.Wire;
using Contracts.Wire.Binary;
using StackExchange.Redis;
using TestSupport;
using TestSupport.Processes;
using TestSupport.Redis;

namespace Ingestor.Tests.Publishing;

/// <summary>
/// Redis full (maxmemory with noeviction, as the published StatefulSet runs it) refuses every write with OOM. The
/// ingestor, a real process reading a log directory, keeps running and keeps what arrives meanwhile, says so, and
/// once Redis has room again publishes all of it.
/// </summary>
public sealed class RedisOutOfMemoryTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly RedisKeys Keys = new();
    private const string RunId = "icon-output@2022-01-01T06:00:00";
    private const string SeriesId = "Loss/batch";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ingestor_KeepsWhatArrivesWhileRedisRefusesWrites_AndPublishesAllOfItOnceRedisHasRoom()
    {
        using var temp = new TempDirectory("redis-oom");
        var directory = temp.Combine("icon-output");
        Directory.CreateDirectory(directory);
        WriteTimestep(directory, "2022-01-01 06:00:00", [1.0, 0.9]);
        await using var redis = await RedisServerProcess.StartNewAsync("--maxmemory", "16mb", "--maxmemory-policy", "noeviction");
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var published = new ConcurrentQueue<DeltaMessage>();
        (await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Keys.Channel))).OnMessage(message =>
        {
            if (JsonSerializer.Deserialize<JsonElement>((byte[])message.Message!).GetProperty("type").GetString() == StreamEventType.Delta)
            {
                published.Enqueue(JsonSerializer.Deserialize((byte[])message.Message!, WireJsonContext.Default.DeltaMessage)!);
            }
        });
        await using var ingestor = await ServiceProcess.StartAsync("Ingestor", new Dictionary<string, string?>
        {
            ["ConnectionStrings__redis"] = redis.ConnectionString,
            ["LogDirectorySource__Directories__0"] = directory,
            ["Publishing__RetryMaxDelay"] = "00:00:01",
        });
        await WaitUntilAsync(async () => (await StoredAsync(database))?.Steps.Length == 2, "the first timestep in the snapshot", ingestor);

        await FillAsync(database);
        WriteTimestep(directory, "2022-01-01 06:30:00", [0.8, 0.7, 0.6]);

        var refused = await WaitForPublisherAsync(ingestor, "Unhealthy");
        Assert.Contains("Redis refuses writes: it is out of memory", refused.GetProperty("description").GetString(), StringComparison.Ordinal);
        await WaitUntilAsync(() => Task.FromResult(ingestor.RecentOutput.Contains("OOM command not allowed", StringComparison.Ordinal)),
            "the log-directory writer logging Redis's refusal", ingestor);
        Assert.False(ingestor.HasExited);
        using (var http = new HttpClient { BaseAddress = ingestor.BaseAddress })
        {
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive", Ct)).StatusCode);
        }
        Assert.Equal(2, (await StoredAsync(database))!.Steps.Length);

        await database.ExecuteAsync("CONFIG", "SET", "maxmemory", "256mb");

        await WaitUntilAsync(async () => (await StoredAsync(database))?.Steps.Length == 5, "every point in the snapshot", ingestor);
        var stored = (await StoredAsync(database))!;
        Assert.Equal([1.0, 0.9, 0.8, 0.7, 0.6], stored.Values);
        await WaitUntilAsync(async () => (string?)await database.HashGetAsync(Keys.RunRawSeries(RunId), SeriesId) == "5",
            "every point in the full-resolution copy", ingestor);
        await WaitUntilAsync(() => Task.FromResult(published.Any(delta => delta.Series.Any(s => s.SeriesId == SeriesId && s.Steps.Contains(4)))),
            "a published delta with the points that came while Redis was full", ingestor);
        await WaitForPublisherAsync(ingestor, "Healthy");
        Assert.False(ingestor.HasExited);
    }

    /// <summary>
    /// Writes values until Redis answers OOM, then lowers the limit to under what it uses: a refused value leaves room
    /// behind once its request is freed, enough for some small writes but not others, and the test must not depend
    /// on which of the ingestor's writes happen to fit. From then on Redis refuses every write that needs memory.
    /// </summary>
    private static async Task FillAsync(IDatabase database)
    {
        var filler = new byte[256 * 1024];
        for (var key = 0; ; key++)
        {
            try
            {
                await database.StringSetAsync($"filler:{key}", filler);
            }
            catch (RedisServerException exception) when (exception.Message.StartsWith("OOM", StringComparison.Ordinal))
            {
                break;
            }
        }
        await database.ExecuteAsync("CONFIG", "SET", "maxmemory", "8mb");
    }

    private static async Task<SeriesPoints?> StoredAsync(IDatabase database) =>
        await database.HashGetAsync(Keys.RunSeries(RunId), SeriesId) is { IsNullOrEmpty: false } stored
            ? SeriesBlock.Decode((byte[])stored!)
            : null;

    private static async Task<JsonElement> WaitForPublisherAsync(ServiceProcess ingestor, string status)
    {
        using var http = new HttpClient { BaseAddress = ingestor.BaseAddress };
        JsonElement publisher = default;
        await WaitUntilAsync(async () =>
        {
            // Unhealthy answers 503, with the same report.
            using var response = await http.GetAsync("/health", Ct);
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
            publisher = report.RootElement.GetProperty("checks").GetProperty("publisher").Clone();
            return publisher.GetProperty("status").GetString() == status;
        }, $"the publisher {status}", ingestor);
        return publisher;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what, ServiceProcess ingestor) =>
        Eventually.HoldsAsync(condition, what, Patience, () => $"the ingestor's output:{Environment.NewLine}{ingestor.RecentOutput}");

    /// <summary>Writes a timestep's loss log as the plugin does at its end: whole, under its final name at once.</summary>
    private static void WriteTimestep(string directory, string timestamp, double[] losses)
    {
        var partial = Path.Combine(directory, "partial.tmp");
        File.WriteAllLines(partial, losses.Select(loss => loss.ToString("R", CultureInfo.InvariantCulture)));
        File.Move(partial, Path.Combine(directory, $"log_{timestamp}.txt"));
    }
}
