namespace TestSupport.ClickHouse;

/// <summary>A query as system.query_log recorded it when it finished.</summary>
public sealed record FinishedQuery(string QueryId, long ReadRows, long ResultRows, string Query);
