namespace Ingestor.Sources.ClickHouse.RunSettings;

/// <summary>
/// One distinct <c>tags_json</c> of a run and the newest time it was written (Unix ms). <see cref="Json"/> is null when
/// it was longer than the configured limit (ClickHouse sends only that it was).
/// </summary>
public readonly record struct TagSet(string RunId, string? Json, long NewestMs);
