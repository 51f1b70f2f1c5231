namespace TestSupport;

/// <summary>
/// Waits for something the system does on its own schedule: checks a condition until it holds or the patience runs
/// out, then fails naming what was awaited and what was seen last. Tests wait on what they need to observe, never on
/// a fixed time, so they are as fast as the system and only as slow as it on a loaded machine.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultPatience = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstInterval = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan LongestInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Until <paramref name="condition"/> holds; <paramref name="state"/> says what was seen, for the failure.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what, TimeSpan? patience = null, Func<string>? state = null) =>
        HoldsAsync(() => Task.FromResult(condition()), what, patience, state);

    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? patience = null, Func<string>? state = null) =>
        await ReturnsAsync(async () => await condition() ? true : (bool?)null, what, patience, state);

    /// <summary>The first value <paramref name="probe"/> gives that is not null.</summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? patience = null, Func<string>? state = null)
        where T : class
    {
        var waited = new Waiter(what, patience, state);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await waited.NextAsync();
        }
    }

    /// <inheritdoc cref="ReturnsAsync{T}(Func{Task{T}}, string, TimeSpan?, Func{string}?)"/>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? patience = null, Func<string>? state = null)
        where T : struct
    {
        var waited = new Waiter(what, patience, state);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }
            await waited.NextAsync();
        }
    }

    /// <summary>The pauses between checks: short at first (most waits end within milliseconds), then longer.</summary>
    private sealed class Waiter(string what, TimeSpan? patience, Func<string>? state)
    {
        private readonly DateTime _deadline = DateTime.UtcNow + (patience ?? DefaultPatience);
        private TimeSpan _interval = FirstInterval;

        public async Task NextAsync()
        {
            if (DateTime.UtcNow > _deadline)
            {
                var seen = state is null ? "" : $"; last seen: {state()}";
                throw new TimeoutException($"Waited {patience ?? DefaultPatience} in vain for {what}{seen}.");
            }
            // Benchmarks wait through this too, outside any test.
            await Task.Delay(_interval, Xunit.TestContext.Current?.CancellationToken ?? CancellationToken.None);
            _interval = TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, LongestInterval.Ticks));
        }
    }
}
