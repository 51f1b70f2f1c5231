using System.Threading.Channels;

namespace StreamApi.Streaming;

/// <summary>
/// One connected SSE client as the hub sees it: a bounded queue of shared messages. When the queue is full the
/// client is too slow: its queue is emptied and it is told to catch up, so its memory never grows. A client that
/// overflows more often than allowed is evicted, which also cancels a write stuck on a client that stopped reading.
/// </summary>
public sealed class StreamClient : IDisposable
{
    private readonly Channel<StreamMessage> _queue;
    private readonly Queue<DateTimeOffset> _overflows = new();
    private readonly int _maxOverflows;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _evicted = new();
    private int _overflowed;

    public StreamClient(int capacity, int maxOverflows, TimeSpan window, TimeProvider time)
    {
        _queue = Channel.CreateBounded<StreamMessage>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _maxOverflows = maxOverflows;
        _window = window;
        _time = time;
    }

    public ChannelReader<StreamMessage> Reader => _queue.Reader;

    /// <summary>Cancelled when the client fell behind too often; the session then ends and the connection is aborted.</summary>
    public CancellationToken Evicted => _evicted.Token;

    /// <summary>Set when messages had to be thrown away; the session catches up from the replay or a snapshot.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    public void Offer(StreamMessage message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return;
        }
        Interlocked.Exchange(ref _overflowed, 1);
        while (_queue.Reader.TryRead(out _))
        {
        }
        // The message that did not fit goes in, so the session wakes up and notices the overflow.
        _queue.Writer.TryWrite(message);
        if (TooOften())
        {
            _evicted.Cancel();
        }
    }

    public void Dispose() => _evicted.Dispose();

    private bool TooOften()
    {
        var now = _time.GetUtcNow();
        while (_overflows.Count > 0 && now - _overflows.Peek() > _window)
        {
            _overflows.Dequeue();
        }
        _overflows.Enqueue(now);
        return _overflows.Count > _maxOverflows;
    }
}
