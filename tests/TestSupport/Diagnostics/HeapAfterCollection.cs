namespace TestSupport.Diagnostics;

/// <summary>
/// A process's managed heap as its runtime reported it at the end of a full, blocking collection.
/// </summary>
/// <param name="LiveBytes">Bytes of objects that survived: what the process still holds.</param>
/// <param name="HeapBytes">The generations' sizes after the collection: live objects plus the free space between them.</param>
public readonly record struct HeapAfterCollection(long LiveBytes, long HeapBytes);
