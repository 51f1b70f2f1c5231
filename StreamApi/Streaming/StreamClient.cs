using System.Threading.Channels;

namespace StreamApi.Streaming;

/// <summary>
/// One connected SSE client as the hub sees it: a bounded queue of shared messages. When the queue is full the
/// client is too slow; its queue is emptied and it is told to catch up, so its memory never grows.
/// </summary>
public sealed class StreamClient(int capacity)
{
    private readonly Channel<StreamMessage> _queue = Channel.CreateBounded<StreamMessage>(
        new BoundedChannelOptions(capacity) { SingleReader = false, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private int _overflowed;

    public ChannelReader<StreamMessage> Reader => _queue.Reader;

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
    }
}
