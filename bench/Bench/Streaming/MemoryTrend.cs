namespace Bench.Streaming;

internal static class MemoryTrend
{
    /// <summary>Least-squares slope of <paramref name="bytes"/> against <paramref name="minutes"/>, in MiB per minute.</summary>
    public static double SlopeMibPerMinute(IReadOnlyList<int> minutes, IReadOnlyList<long> bytes)
    {
        if (minutes.Count < 2)
        {
            return double.NaN;
        }
        var meanX = minutes.Average();
        var meanY = bytes.Average(b => b / 1048576.0);
        double covariance = 0, variance = 0;
        for (var i = 0; i < minutes.Count; i++)
        {
            covariance += (minutes[i] - meanX) * ((bytes[i] / 1048576.0) - meanY);
            variance += (minutes[i] - meanX) * (minutes[i] - meanX);
        }
        return covariance / variance;
    }
}
