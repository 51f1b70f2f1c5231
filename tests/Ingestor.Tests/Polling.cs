namespace Ingestor.Tests;

internal static class Polling
{
    /// <summary>Waits, at most 30 s, until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
