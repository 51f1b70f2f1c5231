namespace StreamApi.Streaming;

/// <summary>
/// Filtered copies of snapshots and messages, shared by the clients that ask with the same filter, in one budget of
/// bytes for the whole process: least recently used first out. Any client chooses its filter, so without a bound a
/// loop of requests with distinct filters would hold a full snapshot copy each; with it, what does not fit is made
/// for the one client that asked and dropped once sent.
/// </summary>
public sealed class FilteredViewCache(long capacityBytes)
{
    private readonly Lock _sync = new();
    private readonly Dictionary<(object Source, StreamFilter Filter), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    private sealed record Entry((object Source, StreamFilter Filter) Key, byte[] Bytes);

    public long Bytes
    {
        get
        {
            lock (_sync)
            {
                return _bytes;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_sync)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The filtered view of <paramref name="source"/>, made by <paramref name="compose"/> when it is not held.</summary>
    public byte[] GetOrAdd<TSource>(TSource source, StreamFilter filter, Func<StreamFilter, TSource, byte[]> compose) where TSource : class
    {
        var key = ((object)source, filter);
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var held))
            {
                _recency.Remove(held);
                _recency.AddFirst(held);
                return held.Value.Bytes;
            }
        }
        // Made outside the lock: two clients asking at once may both make it, which is cheaper than making every
        // other client wait.
        var bytes = compose(filter, source);
        if (bytes.Length > capacityBytes)
        {
            return bytes;
        }
        lock (_sync)
        {
            if (_entries.TryGetValue(key, out var raced))
            {
                return raced.Value.Bytes;
            }
            var node = _recency.AddFirst(new Entry(key, bytes));
            _entries.Add(key, node);
            _bytes += bytes.Length;
            while (_bytes > capacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Bytes.Length;
            }
        }
        return bytes;
    }
}
