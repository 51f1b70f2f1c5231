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
    FilteredViewCache views,
    IOptions<StreamOptions> options,
    TimeProvider time,
    ILogger<StreamSession> logger)
{
    private static readonly KeyValuePair<string, object?> SnapshotTag = new("type", "snapshot");
    private static readonly KeyValuePair<string, object?> DeltaTag = new("type", "delta");
    private static readonly KeyValuePair<string, object?> RunsMetaTag = new("type", "runs_meta");
    private readonly StreamOptions _options = options.Value;

    public async Task<StreamEnd> RunAsync(SseWriter sse, StreamFilter filter, long? lastEventId, CancellationToken stopping)
    {
        // Until the hub listens, a message published after this client's snapshot could pass it by unrelayed.
        await hub.Subscribed.WaitAsync(stopping);
        using var client = new StreamClient(_options.ClientQueueCapacity, _options.MaxSlowResyncs, _options.SlowClientWindow, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, client.Evicted);
        var cancellationToken = linked.Token;
        hub.Add(client);
        metrics.ConnectedClients.Add(1);
        try
        {
            await ServeAsync(sse, filter, lastEventId, client, cancellationToken);
            return StreamEnd.Closed;
        }
        catch (OperationCanceledException) when (client.Evicted.IsCancellationRequested && !stopping.IsCancellationRequested)
        {
            metrics.ClientsDropped.Add(1);
            Log.Dropped(logger);
            return StreamEnd.Evicted;
        }
        finally
        {
            hub.Remove(client);
            metrics.ConnectedClients.Add(-1);
        }
    }

    private async Task ServeAsync(SseWriter sse, StreamFilter filter, long? lastEventId, StreamClient client, CancellationToken cancellationToken)
    {
        sse.WriteRetry(_options.ClientRetry);
        var last = lastEventId is { } resumeFrom && await replay.AfterAsync(resumeFrom) is { } missed
            ? await SendAsync(sse, filter, missed, resumeFrom, cancellationToken)
            : await SendSnapshotAsync(sse, filter, allowHeld: true, cancellationToken);
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
                    last = await SendAsync(sse, filter, message, cancellationToken);
                }
                await sse.FlushAsync(cancellationToken);
            }
        }
        finally
        {
            heartbeat.Dispose();
        }
    }

    private async Task<long> CatchUpAsync(SseWriter sse, StreamFilter filter, long last, CancellationToken cancellationToken) =>
        await replay.AfterAsync(last) is { } missed
            ? await SendAsync(sse, filter, missed, last, cancellationToken)
            : await SendSnapshotAsync(sse, filter, allowHeld: false, cancellationToken);

    private async Task<long> SendSnapshotAsync(SseWriter sse, StreamFilter filter, bool allowHeld, CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.GetAsync(allowHeld, cancellationToken);
        await sse.WriteEventAsync(snapshot.Seq, Contracts.Wire.StreamEventType.Snapshot, snapshot.For(filter, views), cancellationToken);
        metrics.EventsSent.Add(1, SnapshotTag);
        // What was published after the snapshot was stored; if it cannot be replayed, the queue's next message
        // shows the hole and the session catches up then.
        return await replay.AfterAsync(snapshot.Seq) is { } since ? await SendAsync(sse, filter, since, snapshot.Seq, cancellationToken) : snapshot.Seq;
    }

    private async ValueTask<long> SendAsync(SseWriter sse, StreamFilter filter, List<StreamMessage> messages, long last, CancellationToken cancellationToken)
    {
        foreach (var message in messages)
        {
            if (message.Seq == last + 1)
            {
                last = await SendAsync(sse, filter, message, cancellationToken);
            }
        }
        return last;
    }

    private async ValueTask<long> SendAsync(SseWriter sse, StreamFilter filter, StreamMessage message, CancellationToken cancellationToken)
    {
        await sse.WriteEventAsync(message.Seq, message.Type, message.For(filter, views), cancellationToken);
        metrics.EventsSent.Add(1, message.Type == Contracts.Wire.StreamEventType.Delta ? DeltaTag : RunsMetaTag);
        return message.Seq;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "A client at seq {Last} received seq {Received}; catching it up.")]
        public static partial void Gap(ILogger logger, long last, long received);

        [LoggerMessage(2, LogLevel.Warning, "A client fell behind too often and was disconnected.")]
        public static partial void Dropped(ILogger logger);
    }
}
