using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Shared.Tests.ClickHouse;

/// <summary>A response body delivered in the given pieces, so lines and escapes straddle buffer segments.</summary>
internal static class Chunks
{
    public static PipeReader Reader(params string[] pieces)
    {
        Segment? first = null;
        Segment? last = null;
        foreach (var piece in pieces)
        {
            var segment = new Segment(Encoding.UTF8.GetBytes(piece), last);
            first ??= segment;
            last = segment;
        }
        return first is null
            ? PipeReader.Create(ReadOnlySequence<byte>.Empty)
            : PipeReader.Create(new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length));
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(byte[] bytes, Segment? previous)
        {
            Memory = bytes;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
