namespace StreamApi.Tests.Streaming;

/// <summary>
/// Tests that weigh StreamApi's memory with hundreds of connections run by themselves: they keep the machine busy,
/// and other tests' clients would be weighed with them.
/// </summary>
[CollectionDefinition(nameof(HeapCollection), DisableParallelization = true)]
public sealed class HeapCollection;
