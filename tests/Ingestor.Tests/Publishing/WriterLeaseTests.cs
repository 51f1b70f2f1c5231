using System.Text.Json;
using System.Threading.Channels;
using Contracts.Redis;
using StackExchange.Redis;
using TestSupport.Ingestion;
using TestSupport.Redis;

namespace Ingestor.Tests.Publishing;

/// <summary>Two ingestors on one Redis prefix: one writes, the other stands by and takes over when the writer goes.</summary>
public sealed class WriterLeaseTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly RedisKeys Keys = new();

    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Publishing:SnapshotInterval"] = "00:00:00.200",
        ["Publishing:LeaseDuration"] = "00:00:03",
        ["Publishing:LeaseRenewInterval"] = "00:00:00.500",
    };

    [Fact]
    public async Task OnlyTheHolderPublishes_AndTheStandbyTakesOverWithinFiveSeconds_WithoutADuplicateSequence()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var messages = await SubscribeAsync(connection);
        await using var writer = await IngestorHost.StartAsync(redis.ConnectionString, Settings);
        await writer.WriteAsync("run-writer", "loss_t1", [(0, 1.0)]);
        await NextAsync(messages, m => Runs(m).Contains("run-writer"));
        await using var standby = await IngestorHost.StartAsync(redis.ConnectionString, Settings);
        await standby.WriteAsync("run-standby", "loss_t1", [(0, 2.0)]);
        await writer.WriteAsync("run-writer", "loss_t1", [(1, 0.9)]);
        var whileHeld = await CollectAsync(messages, TimeSpan.FromSeconds(2));

        await writer.DisposeAsync();
        var stoppedAt = DateTime.UtcNow;
        var takeover = await NextAsync(messages, m => Runs(m).Contains("run-standby"));
        var tookOverAfter = DateTime.UtcNow - stoppedAt;

        Assert.DoesNotContain(whileHeld, m => Runs(m).Contains("run-standby"));
        Assert.Contains(whileHeld, m => Runs(m).Contains("run-writer"));
        Assert.True(tookOverAfter < TimeSpan.FromSeconds(5), $"the standby published {tookOverAfter.TotalSeconds:F1} s after the writer stopped");
        var sequences = whileHeld.Append(takeover).Select(m => m.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
    }

    [Fact]
    public async Task AStandby_TakesOverWhenTheWritersLeaseRunsOut_AfterTheWriterDiedWithoutReleasingIt()
    {
        await using var redis = await RedisServers.StartAsync(RedisServers.RedisServer);
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var messages = await SubscribeAsync(connection);
        // A writer that died holding the lease: the key stays until it runs out.
        await connection.GetDatabase().StringSetAsync(Keys.WriterLease, "a-dead-ingestor", TimeSpan.FromSeconds(3));

        await using var standby = await IngestorHost.StartAsync(redis.ConnectionString, Settings);
        await standby.WriteAsync("run-standby", "loss_t1", [(0, 2.0)]);
        var beforeExpiry = await CollectAsync(messages, TimeSpan.FromSeconds(1.5));
        await NextAsync(messages, m => Runs(m).Contains("run-standby"));

        Assert.Empty(beforeExpiry);
        Assert.NotEqual("a-dead-ingestor", (string?)await connection.GetDatabase().StringGetAsync(Keys.WriterLease));
    }

    private static IEnumerable<string> Runs(JsonElement message) =>
        message.TryGetProperty("series", out var series)
            ? series.EnumerateArray().Select(s => s.GetProperty("run_id").GetString()!)
            : message.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("run_id").GetString()!);

    private static async Task<Channel<JsonElement>> SubscribeAsync(ConnectionMultiplexer connection)
    {
        var channel = Channel.CreateUnbounded<JsonElement>();
        await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(Keys.Channel),
            (_, value) => channel.Writer.TryWrite(JsonDocument.Parse((byte[])value!).RootElement.Clone()));
        return channel;
    }

    private static async Task<JsonElement> NextAsync(Channel<JsonElement> messages, Func<JsonElement, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            var message = await messages.Reader.ReadAsync(timeout.Token);
            if (match(message))
            {
                return message;
            }
        }
    }

    /// <summary>Every message published within <paramref name="window"/>.</summary>
    private static async Task<List<JsonElement>> CollectAsync(Channel<JsonElement> messages, TimeSpan window)
    {
        List<JsonElement> collected = [];
        using var timeout = new CancellationTokenSource(window);
        try
        {
            while (true)
            {
                collected.Add(await messages.Reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException)
        {
            return collected;
        }
    }
}
