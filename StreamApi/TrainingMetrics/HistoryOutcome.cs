namespace StreamApi.TrainingMetrics;

/// <summary>What a history read found: the answer, or why there is none.</summary>
public sealed record HistoryOutcome<T>(T? Value, string? NotFound = null, string? Unavailable = null) where T : class
{
    public static HistoryOutcome<T> Found(T value) => new(value);

    public static HistoryOutcome<T> Missing(string detail) => new(null, NotFound: detail);

    public static HistoryOutcome<T> Down(string detail) => new(null, Unavailable: detail);
}
