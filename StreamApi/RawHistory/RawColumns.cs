namespace StreamApi.RawHistory;

/// <summary>Full-resolution points of one series as columns, ordered by step (points of equal step keep their arrival order).</summary>
public sealed record RawColumns(long[] Steps, long[] TimesMs, double[] Values)
{
    public int Count => Steps.Length;
}
