namespace StreamApi.Streaming;

/// <summary>The last messages relayed, in sequence order, to resume clients and fill gaps without asking Redis.</summary>
public sealed class RecentMessages(int capacity)
{
    private readonly Lock _gate = new();
    private readonly StreamMessage[] _ring = new StreamMessage[capacity];
    private int _start;
    private int _count;

    public void Add(StreamMessage message)
    {
        lock (_gate)
        {
            if (_count > 0 && message.Seq != _ring[(_start + _count - 1) % _ring.Length].Seq + 1)
            {
                // Only a contiguous run is useful for replay; a jump starts a new one.
                _start = 0;
                _count = 0;
            }
            if (_count == _ring.Length)
            {
                _ring[_start] = message;
                _start = (_start + 1) % _ring.Length;
            }
            else
            {
                _ring[(_start + _count) % _ring.Length] = message;
                _count++;
            }
        }
    }

    /// <summary>
    /// Every held message with seq &gt; <paramref name="after"/>, when the held run starts at or before
    /// after + 1 (so nothing in between is missing); otherwise null.
    /// </summary>
    public List<StreamMessage>? After(long after)
    {
        lock (_gate)
        {
            if (_count == 0 || _ring[_start].Seq > after + 1)
            {
                return null;
            }
            var result = new List<StreamMessage>();
            for (var i = 0; i < _count; i++)
            {
                var message = _ring[(_start + i) % _ring.Length];
                if (message.Seq > after)
                {
                    result.Add(message);
                }
            }
            return result;
        }
    }
}
