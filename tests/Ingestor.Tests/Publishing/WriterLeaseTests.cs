using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Contracts.Redis;
using Contracts.Wire;
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
        await NextAsync(messages, m => Runs(m).Contains("run-writer"), "the writer's first message");
        await using var standby = await IngestorHost.StartAsync(redis.ConnectionString, Settings);
        await standby.WriteAsync("run-standby", "loss_t1", [(0, 2.0)]);
        await writer.WriteAsync("run-writer", "loss_t1", [(1, 0.9)]);
        // The writer goes on publishing; that the standby does not is seen only over time: a while spanning several
        // of its attempts to take the lease (every 0.5 s here).
        var whileHeld = await CollectUntilAsync(messages, m => Carries(m, "run-writer", step: 1), "the writer's delta with step 1");
        whileHeld.AddRange(await CollectAsync(messages, TimeSpan.FromSeconds(2)));

        await writer.DisposeAsync();
        var stopped = Stopwatch.StartNew();
        var takeover = await NextAsync(messages, m => Runs(m).Contains("run-standby"), "the standby's first message");
        var tookOverAfter = stopped.Elapsed;

        Assert.DoesNotContain(whileHeld, m => Runs(m).Contains("run-standby"));
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
        // Half the dead writer's lease: time passing without a message is what is under test.
        var beforeExpiry = await CollectAsync(messages, TimeSpan.FromSeconds(1.5));
        await NextAsync(messages, m => Runs(m).Contains("run-standby"), "the standby's first message once the lease ran out");

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

    private static bool Carries(JsonElement message, string runId, long step) =>
        message.GetProperty("type").GetString() == StreamEventType.Delta
        && message.GetProperty("series").EnumerateArray().Any(s =>
            s.GetProperty("run_id").GetString() == runId && s.GetProperty("steps").EnumerateArray().Any(x => x.GetInt64() == step));

    private static async Task<JsonElement> NextAsync(Channel<JsonElement> messages, Func<JsonElement, bool> match, string what) =>
        (await CollectUntilAsync(messages, match, what))[^1];

    /// <summary>Every message up to and with the first that matches.</summary>
    private static async Task<List<JsonElement>> CollectUntilAsync(Channel<JsonElement> messages, Func<JsonElement, bool> match, string what)
    {
        List<JsonElement> collected = [];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(timeout.Token);
                collected.Add(message);
                if (match(message))
                {
                    return collected;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {Patience} in vain for {what}; {collected.Count} other messages came.");
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
