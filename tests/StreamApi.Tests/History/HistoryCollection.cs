namespace StreamApi.Tests.History;

/// <summary>
/// The history tests load ClickHouse with hundreds of thousands of rows; they run by themselves so the timing of
/// the streaming tests (Redis restarts, heartbeats) is not judged on a machine they keep busy.
/// </summary>
[CollectionDefinition(nameof(HistoryCollection), DisableParallelization = true)]
public sealed class HistoryCollection;
