using TestSupport.ClickHouse;

namespace EndToEnd.Tests.Stack;

/// <summary>
/// Runs of one test's own, named <c>&lt;prefix&gt;-&lt;name&gt;</c> under a prefix no other test uses, so that a name
/// filter or a metric of their own shows only them while other tests write their runs beside them.
/// </summary>
internal sealed class OwnRuns(DashboardStack stack, string kind)
{
    public string Prefix { get; } = $"{kind}-{Guid.NewGuid():N}"[..(kind.Length + 9)];

    /// <summary>A metric only these runs write (the training tab takes <c>loss*</c>).</summary>
    public string Metric => $"loss_{Prefix.Replace('-', '_')}";

    public string Id(string name) => $"{Prefix}-{name}";

    /// <summary>Writes a run's values at steps 0, 1, 2, … one second apart up to now, with its config when given.</summary>
    public Task WriteAsync(string name, IReadOnlyList<double> values, string tagsJson = "")
    {
        var now = DateTimeOffset.UtcNow;
        return stack.InsertAsync(values.Select((value, step) =>
            new TestMetricPoint(Id(name), Metric, step, value, now.AddSeconds(step - values.Count + 1), TagsJson: tagsJson)));
    }

    /// <summary>The view that shows only the chart of <see cref="Metric"/> (and every run, as the default view does).</summary>
    public string Query(string extra = "") => $"?filter=%5E{Metric}%24{extra}";
}
