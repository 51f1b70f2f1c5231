namespace Contracts.Analytics;

/// <summary>
/// How far the ingestor has read what a directory held when it started (or was recreated): files and bytes listed,
/// and read so far. Once <see cref="Complete"/>, it stays as it was then; later files are live updates.
/// </summary>
public sealed record InitialRead(bool Complete, int FilesListed, int FilesRead, long BytesListed, long BytesRead);
