namespace AppHost.Tests.Support;

/// <summary>Every wait of these tests is bounded: a hang fails the test instead of the run.</summary>
public static class Timeouts
{
    public static readonly TimeSpan Startup = TimeSpan.FromSeconds(90);

    public static CancellationTokenSource Start(TimeSpan? timeout = null)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        source.CancelAfter(timeout ?? Startup);
        return source;
    }
}
