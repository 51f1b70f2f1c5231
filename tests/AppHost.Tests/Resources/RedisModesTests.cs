using AppHost.Tests.Support;
using Aspire.Hosting.Testing;
using StackExchange.Redis;
using TestSupport;

namespace AppHost.Tests.Resources;

/// <summary>The Redis AppHost provides, embedded Garnet or a local redis-server, serves what the services use.</summary>
public sealed class RedisModesTests : IDisposable
{
    private readonly TempDirectory _data = new("apphost-redis");

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("Embedded", "garnet")]
    [InlineData("LocalServer", "redis-server")]
    public async Task Redis_ServesHashesListsTransactionsAndPubSub_WithItsGeneratedPassword(string mode, string server)
    {
        using var timeout = Timeouts.Start();
        var builder = await AspireApp.CreateAsync(_data.Path, [$"--AppHost:Redis={mode}", "--AppHost:ClickHouse=None"], [server, "redis"],
            timeout.Token);
        await using var app = await builder.BuildAsync(timeout.Token);
        await app.StartAsync(timeout.Token);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("redis", timeout.Token);
        var connectionString = await app.GetConnectionStringAsync("redis", timeout.Token);
        await using var redis = await ConnectionMultiplexer.ConnectAsync(connectionString!);
        var database = redis.GetDatabase();

        await database.HashSetAsync("h", "field", "value");
        await database.ListRightPushAsync("l", ["a", "b"]);
        var transaction = database.CreateTransaction();
        transaction.AddCondition(Condition.HashEqual("h", "field", "value"));
        _ = transaction.StringIncrementAsync("seq");
        var committed = await transaction.ExecuteAsync();
        var received = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("deltas"), (_, message) => received.TrySetResult(message!));
        await database.PublishAsync(RedisChannel.Literal("deltas"), "hello");

        Assert.True(committed);
        Assert.Equal(1, (long)await database.StringGetAsync("seq"));
        Assert.Equal(["a", "b"], (await database.ListRangeAsync("l")).Select(v => (string)v!));
        Assert.Equal("hello", await received.Task.WaitAsync(timeout.Token));
        var withoutPassword = ConfigurationOptions.Parse(connectionString!);
        withoutPassword.Password = null;
        withoutPassword.AbortOnConnectFail = true;
        withoutPassword.ConnectRetry = 0;
        await Assert.ThrowsAnyAsync<RedisException>(async () =>
        {
            await using var anonymous = await ConnectionMultiplexer.ConnectAsync(withoutPassword);
            await anonymous.GetDatabase().PingAsync();
        });
    }
}
