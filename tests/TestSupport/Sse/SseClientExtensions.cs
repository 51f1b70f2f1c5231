namespace TestSupport.Sse;

public static class SseClientExtensions
{
    /// <summary>Applies events to <paramref name="state"/> until <paramref name="done"/> holds, returning the events applied.</summary>
    public static async Task<List<SseEvent>> ApplyUntilAsync(this SseClient client, StreamState state, Func<StreamState, bool> done, TimeSpan timeout)
    {
        var events = new List<SseEvent>();
        var deadline = DateTime.UtcNow + timeout;
        while (!done(state))
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException($"The stream did not reach the expected state; applied {events.Count} events up to seq {state.LastSeq}.");
            }
            var next = await client.NextAsync(remaining);
            state.Apply(next);
            events.Add(next);
        }
        return events;
    }
}
