using System.IO.Compression;
using Contracts.Wire.Binary;

namespace StreamApi.Streaming;

/// <summary>
/// The compact snapshot of the series a filter matches, compressed once for every client that asks with the same
/// filter and content coding (<see cref="SnapshotData.CompactFor"/> keeps it).
/// </summary>
internal static class CompactView
{
    /// <summary>
    /// Brotli's quality 1 on the whole snapshot at once: the 600-series snapshot of 20 runs × 30 metrics × 2000 points
    /// (14.5 MB) becomes 6.9 MB in 12 ms on one core, where quality 2 makes 5.9 MB in 33 ms and quality 4 no less
    /// (bench/README.md). Compressing the open tab's snapshot is part of every first paint that finds no compressed
    /// copy yet. At quality 1 the encoder needs all of its input at once: fed in pieces, it makes 16 % more bytes.
    /// </summary>
    private const int BrotliQuality = 1;

    private const int BrotliWindowBits = 22;

    public static byte[] Compose(SnapshotData snapshot, StreamFilter filter, ContentCoding coding)
    {
        var runs = filter.IsEmpty ? snapshot.Runs : Array.FindAll(snapshot.Runs, run => filter.MatchesRun(run.RunId));
        var blocks = new List<byte[]>(snapshot.Series.Count);
        foreach (var fragment in snapshot.Series)
        {
            if (filter.Matches(fragment.RunId, fragment.SeriesId))
            {
                blocks.Add(fragment.Block);
            }
        }
        var head = CompactSnapshot.Head(snapshot.Seq, runs, blocks.Count);
        var length = CompactSnapshot.Length(head, blocks);
        if (length > Array.MaxLength)
        {
            throw new InvalidOperationException($"A compact snapshot of {length} bytes is larger than an array can hold.");
        }
        // Garbage once compressed; not pooled, so that no tens of megabytes stay held between snapshots.
        var composed = GC.AllocateUninitializedArray<byte>((int)length);
        using (var destination = new MemoryStream(composed, writable: true))
        {
            CompactSnapshot.Write(destination, head, blocks);
        }
        return coding switch
        {
            ContentCoding.Brotli => Brotli(composed),
            ContentCoding.Gzip => Gzip(composed),
            _ => composed,
        };
    }

    private static byte[] Brotli(byte[] composed)
    {
        var output = GC.AllocateUninitializedArray<byte>(BrotliEncoder.GetMaxCompressedLength(composed.Length));
        if (!BrotliEncoder.TryCompress(composed, output, out var written, BrotliQuality, BrotliWindowBits))
        {
            throw new InvalidOperationException("Brotli could not compress a compact snapshot into its own bound.");
        }
        return output.AsSpan(0, written).ToArray();
    }

    private static byte[] Gzip(byte[] composed)
    {
        using var output = new MemoryStream(composed.Length / 2);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(composed);
        }
        return output.ToArray();
    }
}
