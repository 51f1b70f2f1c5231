using EndToEnd.Tests.Stack;
using TestSupport.ClickHouse;

namespace EndToEnd.Tests.Live;

/// <summary>A ClickHouse run of one test's own, written a row at a time as a trainer writes it.</summary>
internal sealed class LiveRun(DashboardStack stack, string prefix, string metric)
{
    public string RunId { get; } = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    public string Metric => metric;

    public int Steps { get; private set; }

    /// <summary>The view that shows only this run.</summary>
    public string Query => $"?runs=only&run={RunId}";

    /// <summary>Inserts the next steps, one second apart, the last one now.</summary>
    public async Task WriteAsync(params double[] values)
    {
        var now = DateTimeOffset.UtcNow;
        var first = Steps;
        Steps += values.Length;
        await stack.InsertAsync(values.Select((value, i) => new TestMetricPoint(RunId, metric, first + i, value, now.AddSeconds(i - values.Length + 1))));
    }
}
