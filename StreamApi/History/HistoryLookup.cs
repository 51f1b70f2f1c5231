namespace StreamApi.History;

/// <summary>Whether the run and the metric asked for exist (a range with no rows in it is still <see cref="Found"/>).</summary>
public enum HistoryLookup
{
    Found,
    RunNotFound,
    MetricNotFound,
}
