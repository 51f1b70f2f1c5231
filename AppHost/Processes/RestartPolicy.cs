namespace AppHost.Processes;

/// <summary>
/// Exponential backoff between restarts of a crashed child: <see cref="InitialDelay"/>, doubling up to
/// <see cref="MaxDelay"/>; a child that ran for <see cref="StableAfter"/> starts again from the initial delay.
/// </summary>
public sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StableAfter)
{
    public TimeSpan DelayFor(int consecutiveFailures)
    {
        var factor = Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks));
    }
}
