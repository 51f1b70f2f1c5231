namespace Bench.Streaming;

/// <summary>Collects latency samples from many threads and reports percentiles.</summary>
internal sealed class LagRecorder
{
    private readonly Lock _gate = new();
    private List<double> _samples = [];

    public void Record(double milliseconds)
    {
        lock (_gate)
        {
            _samples.Add(milliseconds);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _samples = [];
        }
    }

    public (int Count, double P50, double P99, double Max) Summarize()
    {
        double[] sorted;
        lock (_gate)
        {
            sorted = [.. _samples];
        }
        Array.Sort(sorted);
        if (sorted.Length == 0)
        {
            return (0, double.NaN, double.NaN, double.NaN);
        }
        return (sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
