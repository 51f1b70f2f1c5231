using System.Text;
using Contracts.Redis;
using Contracts.Wire;
using StackExchange.Redis;
using TestSupport.Sse;

namespace StreamApi.Tests.Streaming;

/// <summary>
/// The ingestor sets the seq key, appends to the replay log and publishes in one transaction, and StreamApi receives
/// the publication a moment later: under load, clients keep joining in that moment. What StreamApi holds in memory is
/// then enough for them; the newest message reaches them through their queue.
/// </summary>
public sealed class InFlightMessagesTests
{
    [Fact]
    public async Task ClientsJoiningWhilePubSubTrailsTheSeqKey_ReadNothingFromTheReplayLog()
    {
        // No gap check during the test: it would read the log itself, rightly, on seeing the seq key ahead.
        await using var rig = await StreamRig.StartAsync(streamApiSettings: new Dictionary<string, string?> { ["Stream__GapCheckInterval"] = "00:10:00" });
        await using (var first = await rig.ConnectAsync())
        {
            await first.NextAsync(StreamRig.Patience);
            await rig.Ingestor.WriteAsync("run-a", "loss", Enumerable.Range(0, 20).Select(i => ((long)i, 1.0 / (i + 1))));
            await first.UntilAsync(e => e.Event == StreamEventType.Delta, StreamRig.Patience);
        }
        await StoredSnapshot.WaitUntilItHoldsAsync(rig.Redis, "run-a", "loss", totalPoints: 20, TimeSpan.FromSeconds(60));
        // From here on the test is the only writer, and writes what the ingestor would, one step at a time.
        await rig.Ingestor.DisposeAsync();

        var keys = new RedisKeys();
        await using var redis = await ConnectionMultiplexer.ConnectAsync(rig.Redis.ConnectionString + ",allowAdmin=true");
        var database = redis.GetDatabase();
        var seq = (long)await database.StringGetAsync(keys.Sequence) + 1;
        var payload = Encoding.UTF8.GetBytes($$"""{"seq":{{seq}},"type":"delta","published_ms":1,"series":[]}""");
        await database.StringSetAsync(keys.Sequence, seq);
        await database.ListRightPushAsync(keys.ReplayLog, payload);
        await database.ExecuteAsync("CONFIG", "RESETSTAT");

        var clients = new List<SseClient>();
        try
        {
            for (var i = 0; i < 20; i++)
            {
                var client = await rig.ConnectAsync();
                clients.Add(client);
                Assert.Equal(StreamEventType.Snapshot, (await client.NextAsync(StreamRig.Patience)).Event);
            }
            var commandStats = (string)(await database.ExecuteAsync("INFO", "commandstats"))!;
            Assert.DoesNotContain("cmdstat_lrange", commandStats);

            await redis.GetSubscriber().PublishAsync(RedisChannel.Literal(keys.Channel), payload);
            foreach (var client in clients)
            {
                await client.UntilAsync(e => e.Event == StreamEventType.Delta && e.Seq == seq, StreamRig.Patience);
            }
        }
        finally
        {
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
    }
}
