using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace TestSupport.Diagnostics;

/// <summary>The managed heap of another .NET process on this machine.</summary>
public static class ProcessMemory
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";

    /// <summary>
    /// Makes the .NET process <paramref name="processId"/> run a full, blocking collection and returns what its
    /// runtime reports at the end of it. Like dotnet-gcdump, it opens an EventPipe session on the process's diagnostic
    /// port with the GC heap-collect keyword, which makes the runtime collect at once; the GC events of the same session
    /// carry the sizes. Unlike reading the resident set, garbage not yet collected is not counted, and memory the
    /// runtime keeps for later allocations is not either, so the number moves only with what the process holds.
    /// </summary>
    public static async Task<HeapAfterCollection> ManagedHeapAfterFullCollectionAsync(int processId, TimeSpan timeout)
    {
        var keywords = ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect;
        var client = new DiagnosticsClient(processId);
        using var session = await client.StartEventPipeSessionAsync(
            [new EventPipeProvider(RuntimeProvider, EventLevel.Informational, (long)keywords)], requestRundown: false, circularBufferMB: 16, CancellationToken.None);
        var measured = new TaskCompletionSource<HeapAfterCollection>(TaskCreationOptions.RunContinuationsAsynchronously);
        var reading = Task.Run(() => Read(session, measured));
        try
        {
            return await measured.Task.WaitAsync(timeout);
        }
        finally
        {
            // Ends the event stream, so the reader returns.
            await session.StopAsync(CancellationToken.None);
            await reading;
        }
    }

    private static void Read(EventPipeSession session, TaskCompletionSource<HeapAfterCollection> measured)
    {
        try
        {
            using var source = new EventPipeEventSource(session.EventStream);
            // Other collections may run around the one the session asks for: a younger generation's, or a background
            // one with younger collections inside it. Only the statistics that end a blocking full collection count;
            // each collection's statistics follow its own start.
            var blockingFullCollection = false;
            source.Clr.GCStart += started => blockingFullCollection = started.Depth == 2 && started.Type == GCType.NonConcurrentGC;
            source.Clr.GCHeapStats += stats =>
            {
                if (blockingFullCollection)
                {
                    measured.TrySetResult(new HeapAfterCollection(
                        stats.TotalPromotedSize0 + stats.TotalPromotedSize1 + stats.TotalPromotedSize2 + stats.TotalPromotedSize3 + stats.TotalPromotedSize4,
                        stats.GenerationSize0 + stats.GenerationSize1 + stats.GenerationSize2 + stats.GenerationSize3 + stats.GenerationSize4));
                }
            };
            source.Process();
            measured.TrySetException(new InvalidOperationException("The process's event stream ended before a full collection was reported."));
        }
        catch (Exception exception)
        {
            measured.TrySetException(exception);
        }
    }
}
