using Microsoft.Extensions.Options;
using StreamApi.Telemetry;

namespace StreamApi.Streaming;

/// <summary>
/// Serves one SSE client: a snapshot (or a resume from Last-Event-ID), then every message in sequence. The
/// client's queue is registered with the hub before the snapshot is read, so nothing published meanwhile is
/// missed; anything already covered is skipped by sequence, so nothing is sent twice. A hole in the sequence, or a
/// queue that overflowed, is filled from the replay when it still can be, else with a fresh snapshot.
/// </summary>
public sealed partial class StreamSession(
    MessageHub hub,
    SnapshotStore snapshots,
    ReplaySource replay,
    StreamApiMetrics metrics,
    IOptions<StreamOptions> options,
    TimeProvider time,
    ILogger<StreamSession> logger)
{
    private static readonly KeyValuePair<string, object?> SnapshotTag = new("type", "snapshot");
    private static readonly KeyValuePair<string, object?> DeltaTag = new("type", "delta");
    private static readonly KeyValuePair<string, object?> RunsMetaTag = new("type", "runs_meta");
    private readonly StreamOptions _options = options.Value;

    public async Task RunAsync(SseWriter sse, StreamFilter filter, long? lastEventId, CancellationToken cancellationToken)
    {
        var client = new StreamClient(_options.ClientQueueCapacity);
        var slowResyncs = new Queue<DateTimeOffset>();
        hub.Add(client);
        metrics.ConnectedClients.Add(1);
        try
        {
            sse.WriteRetry(_options.ClientRetry);
            var last = lastEventId is { } resumeFrom && await replay.AfterAsync(resumeFrom) is { } missed
                ? Send(sse, filter, missed, resumeFrom)
                : await SendSnapshotAsync(sse, filter, cancellationToken);
            await sse.FlushAsync(cancellationToken);

            var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            try
            {
                while (true)
                {
                    heartbeat.CancelAfter(_options.HeartbeatInterval);
                    try
                    {
                        if (!await client.Reader.WaitToReadAsync(heartbeat.Token))
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                    {
                        sse.WriteComment("keepalive"u8);
                        await sse.FlushAsync(cancellationToken);
                        heartbeat.Dispose();
                        heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                        continue;
                    }

                    if (client.TakeOverflow())
                    {
                        if (TooSlow(slowResyncs))
                        {
                            metrics.ClientsDropped.Add(1);
                            Log.Dropped(logger, last);
                            return;
                        }
                        metrics.ClientsResynced.Add(1, new KeyValuePair<string, object?>("reason", "slow"));
                        last = await CatchUpAsync(sse, filter, last, cancellationToken);
                    }
                    while (client.Reader.TryRead(out var message))
                    {
                        if (message.Seq <= last)
                        {
                            continue;
                        }
                        if (message.Seq != last + 1)
                        {
                            metrics.ClientsResynced.Add(1, new KeyValuePair<string, object?>("reason", "gap"));
                            Log.Gap(logger, last, message.Seq);
                            last = await CatchUpAsync(sse, filter, last, cancellationToken);
                            if (message.Seq != last + 1)
                            {
                                continue;
                            }
                        }
                        last = Send(sse, filter, message);
                    }
                    await sse.FlushAsync(cancellationToken);
                }
            }
            finally
            {
                heartbeat.Dispose();
            }
        }
        finally
        {
            hub.Remove(client);
            metrics.ConnectedClients.Add(-1);
        }
    }

    private async Task<long> CatchUpAsync(SseWriter sse, StreamFilter filter, long last, CancellationToken cancellationToken) =>
        await replay.AfterAsync(last) is { } missed
            ? Send(sse, filter, missed, last)
            : await SendSnapshotAsync(sse, filter, cancellationToken);

    private async Task<long> SendSnapshotAsync(SseWriter sse, StreamFilter filter, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(cancellationToken);
        sse.WriteEvent(snapshot.Seq, Contracts.Wire.StreamEventType.Snapshot, snapshot.For(filter));
        metrics.EventsSent.Add(1, SnapshotTag);
        // What was published after the snapshot was stored; if it cannot be replayed, the queue's next message
        // shows the hole and the session catches up then.
        return await replay.AfterAsync(snapshot.Seq) is { } since ? Send(sse, filter, since, snapshot.Seq) : snapshot.Seq;
    }

    private long Send(SseWriter sse, StreamFilter filter, List<StreamMessage> messages, long last)
    {
        foreach (var message in messages)
        {
            if (message.Seq == last + 1)
            {
                last = Send(sse, filter, message);
            }
        }
        return last;
    }

    private long Send(SseWriter sse, StreamFilter filter, StreamMessage message)
    {
        sse.WriteEvent(message.Seq, message.Type, message.For(filter));
        metrics.EventsSent.Add(1, message.Type == Contracts.Wire.StreamEventType.Delta ? DeltaTag : RunsMetaTag);
        return message.Seq;
    }

    private bool TooSlow(Queue<DateTimeOffset> resyncs)
    {
        var now = time.GetUtcNow();
        while (resyncs.Count > 0 && now - resyncs.Peek() > _options.SlowClientWindow)
        {
            resyncs.Dequeue();
        }
        resyncs.Enqueue(now);
        return resyncs.Count > _options.MaxSlowResyncs;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "A client at seq {Last} received seq {Received}; catching it up.")]
        public static partial void Gap(ILogger logger, long last, long received);

        [LoggerMessage(2, LogLevel.Warning, "A client at seq {Last} fell behind too often and was disconnected.")]
        public static partial void Dropped(ILogger logger, long last);
    }
}
