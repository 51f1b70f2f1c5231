using System.Text;
using StreamApi.Streaming;

namespace StreamApi.Tests.Streaming;

public sealed class StreamLogicTests
{
    [Fact]
    public void StreamMessage_ReadsSeqAndType_FromIngestorPayload()
    {
        var message = StreamMessage.TryParse(Encoding.UTF8.GetBytes("""{"seq":42,"type":"delta","published_ms":1,"series":[]}"""));

        Assert.NotNull(message);
        Assert.Equal(42, message.Seq);
        Assert.Equal("delta", message.Type);
    }

    [Theory]
    [InlineData("""{"type":"delta","seq":42}""")]
    [InlineData("""{"seq":"42","type":"delta"}""")]
    [InlineData("""{"seq":42,"type":"snapshot"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{"seq":42,"ty""")]
    [InlineData("")]
    public void StreamMessage_RejectsPayload_ThatIsNotASequencedMessage(string payload)
    {
        Assert.Null(StreamMessage.TryParse(Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void StreamMessage_FiltersSeriesOnce_PerDistinctFilter()
    {
        var message = StreamMessage.TryParse(Encoding.UTF8.GetBytes(
            """{"seq":7,"type":"delta","published_ms":1,"series":[""" +
            """{"run_id":"a","series_id":"loss","metric":"loss","steps":[1],"times_ms":[1],"values":[1],"mins":[1],"maxs":[1]},""" +
            """{"run_id":"b","series_id":"loss","metric":"loss","steps":[1],"times_ms":[1],"values":["NaN"],"mins":["NaN"],"maxs":["NaN"]}]}"""))!;

        var cache = new FilteredViewCache(1024 * 1024);
        var onlyA = message.For(new StreamFilter(["a"], []), cache);
        var again = message.For(new StreamFilter(["a"], []), cache);

        Assert.Same(onlyA, again);
        var text = Encoding.UTF8.GetString(onlyA);
        Assert.Contains("\"run_id\":\"a\"", text);
        Assert.DoesNotContain("\"run_id\":\"b\"", text);
        Assert.StartsWith("{\"seq\":7,\"type\":\"delta\"", text);
        Assert.Same(message.Payload, message.For(StreamFilter.Everything, cache));
    }

    [Fact]
    public void StreamFilter_TellsApartFilters_WhoseEntriesHoldSeparators()
    {
        // Equal filters share filtered copies: two that only look alike would send one client the other's runs.
        Assert.NotEqual(new StreamFilter(["a\nb"], []), new StreamFilter(["a", "b"], []));
        Assert.NotEqual(new StreamFilter(["a\0b"], []), new StreamFilter(["a"], ["b\0"]));
        Assert.Equal(new StreamFilter(["b", "a,b"], ["loss"]), new StreamFilter(["a,b", "b"], ["loss"]));
    }

    [Fact]
    public void FilteredViewCache_KeepsItsBytesUnderTheBudget_DroppingTheLeastRecentlyUsed()
    {
        var cache = new FilteredViewCache(capacityBytes: 10_000);
        var source = new ViewSource();
        var made = 0;
        byte[] Compose(StreamFilter filter, int _)
        {
            made++;
            return new byte[2_500];
        }

        var first = cache.GetOrAdd(source, 0, new StreamFilter(["run"], ["junk0"]), Compose);
        for (var i = 1; i < 500; i++)
        {
            cache.GetOrAdd(source, 0, new StreamFilter(["run"], [$"junk{i}"]), Compose);
        }
        var again = cache.GetOrAdd(source, 0, new StreamFilter(["run"], ["junk0"]), Compose);
        var huge = cache.GetOrAdd(source, 0, new StreamFilter(["run"], ["huge"]), (_, _) => new byte[20_000]);

        Assert.True(cache.Bytes <= 10_000, $"{cache.Bytes} bytes held");
        Assert.Equal(3, cache.Count);
        Assert.NotSame(first, again);
        Assert.Equal(20_000, huge.Length);
        Assert.Equal(501, made);
    }

    /// <summary>A client can ask for long ids that match nothing: its copy is empty, its filter is not.</summary>
    [Fact]
    public void FilteredViewCache_ChargesAnEntryForItsFilter()
    {
        var cache = new FilteredViewCache(capacityBytes: 1_000_000);
        var ids = Enumerable.Range(0, 100).Select(i => $"{i:D3}".PadRight(250, 'x')).ToArray();

        cache.GetOrAdd(new ViewSource(), 0, new StreamFilter(ids, []), (_, _) => []);

        Assert.True(cache.Bytes >= 2 * 100 * 250, $"{cache.Bytes} bytes charged for 25,000 characters of filter");
    }

    [Theory]
    [InlineData("run-1", "loss_t1", true)]
    [InlineData("run-1", "loss_t1{host=node-2}", true)]
    [InlineData("run-1", "sys.gpu.0.util_percent{host=node-2}", true)]
    [InlineData("run-1", "throughput", false)]
    [InlineData("run-2", "loss_t1", false)]
    public void StreamFilter_MatchesRunsExactlyAndMetricsByPrefix(string runId, string seriesId, bool expected)
    {
        var filter = new StreamFilter(["run-1"], ["loss", "sys.gpu"]);

        Assert.Equal(expected, filter.Matches(runId, seriesId));
    }

    [Fact]
    public void StreamFilter_IsEqual_WhateverTheOrderOfEntries()
    {
        Assert.Equal(new StreamFilter(["b", "a"], ["x", "y"]), new StreamFilter(["a", "b"], ["y", "x", "x"]));
        Assert.NotEqual(new StreamFilter(["a"], []), new StreamFilter([], ["a"]));
    }

    [Fact]
    public void RecentMessages_ReplaysOnlyContiguousRuns()
    {
        var recent = new RecentMessages(4);
        foreach (var seq in new long[] { 1, 2, 3, 4, 5 })
        {
            recent.Add(Message(seq));
        }

        Assert.Equal([3L, 4, 5], recent.After(2)!.Select(m => m.Seq));
        Assert.Null(recent.After(0)); // 1 fell out: the range 1..5 cannot be replayed from memory
        Assert.Empty(recent.After(5)!);

        recent.Add(Message(9)); // a jump: what came before is no longer contiguous with what follows
        Assert.Null(recent.After(5));
        Assert.Equal([9L], recent.After(8)!.Select(m => m.Seq));
    }

    [Fact]
    public void StreamClient_EmptiesItsQueueAndFlagsOverflow_WhenFull()
    {
        using var client = new StreamClient(capacity: 4, maxOverflows: 100, TimeSpan.FromMinutes(1), TimeProvider.System);
        for (long seq = 1; seq <= 10; seq++)
        {
            client.Offer(Message(seq));
        }

        Assert.True(client.TakeOverflow());
        Assert.False(client.TakeOverflow());
        var queued = new List<long>();
        while (client.Reader.TryRead(out var message))
        {
            queued.Add(message.Seq);
        }
        Assert.True(queued.Count <= 4, $"{queued.Count} messages queued with capacity 4");
        Assert.Equal(10, queued[^1]);
        Assert.False(client.Evicted.IsCancellationRequested);
    }

    [Fact]
    public void StreamClient_IsEvicted_WhenItOverflowsMoreOftenThanAllowed()
    {
        using var client = new StreamClient(capacity: 2, maxOverflows: 1, TimeSpan.FromMinutes(1), TimeProvider.System);
        for (long seq = 1; seq <= 3; seq++)
        {
            client.Offer(Message(seq));
        }
        Assert.False(client.Evicted.IsCancellationRequested);

        for (long seq = 4; seq <= 6; seq++)
        {
            client.Offer(Message(seq));
        }
        Assert.True(client.Evicted.IsCancellationRequested);
    }

    private static StreamMessage Message(long seq) =>
        StreamMessage.TryParse(Encoding.UTF8.GetBytes($$"""{"seq":{{seq}},"type":"delta","published_ms":1,"series":[]}"""))!;
}
