namespace StreamApi.Streaming;

/// <summary>
/// Filtered copies of snapshots and messages, shared by the clients that ask with the same filter, in one budget of
/// bytes for the whole process: least recently used first out. Any client chooses its filter, so without a bound a
/// loop of requests with distinct filters would hold a full snapshot copy each; with it, what does not fit is made
/// for the one client that asked and dropped once sent.
/// <para>An entry is charged for everything it keeps alive: its copy, and its filter, which a client can make as long
/// as the request line allows while asking for runs that do not exist (an empty copy). It keeps its source only by a
/// key the source hands out (<see cref="ViewSource"/>), so the copies of older snapshots and messages do not keep
/// those alive: they stay until they are pushed out, and nobody asks for them again.</para>
/// </summary>
public sealed class FilteredViewCache(long capacityBytes)
{
    /// <summary>The list node, the dictionary slot and the entry itself, about 200 bytes on 64-bit .NET.</summary>
    private const long EntryOverheadBytes = 256;

    private readonly Lock _sync = new();
    private readonly Dictionary<(ViewSource Source, StreamFilter Filter), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();
    private long _bytes;

    private sealed record Entry((ViewSource Source, StreamFilter Filter) Key, byte[] Bytes, long Cost);

    /// <summary>What the held entries are charged: copies, filters and bookkeeping.</summary>
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

    /// <summary>The filtered view of <paramref name="source"/> (known here by <paramref name="key"/>), made by <paramref name="compose"/> when it is not held.</summary>
    public byte[] GetOrAdd<TSource>(ViewSource key, TSource source, StreamFilter filter, Func<StreamFilter, TSource, byte[]> compose)
    {
        var entryKey = (key, filter);
        lock (_sync)
        {
            if (_entries.TryGetValue(entryKey, out var held))
            {
                _recency.Remove(held);
                _recency.AddFirst(held);
                return held.Value.Bytes;
            }
        }
        // Made outside the lock: two clients asking at once may both make it, which is cheaper than making every
        // other client wait.
        var bytes = compose(filter, source);
        var cost = bytes.Length + filter.ApproximateBytes + EntryOverheadBytes;
        if (cost > capacityBytes)
        {
            return bytes;
        }
        lock (_sync)
        {
            if (_entries.TryGetValue(entryKey, out var raced))
            {
                return raced.Value.Bytes;
            }
            var node = _recency.AddFirst(new Entry(entryKey, bytes, cost));
            _entries.Add(entryKey, node);
            _bytes += cost;
            while (_bytes > capacityBytes && _recency.Last is { } oldest)
            {
                _recency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _bytes -= oldest.Value.Cost;
            }
        }
        return bytes;
    }
}
