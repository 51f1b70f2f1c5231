namespace Ingestor.Publishing;

/// <summary>A message composed with its sequence number and not yet known to be in Redis.</summary>
internal readonly record struct PendingMessage(long Seq, byte[] Payload, long Points);
