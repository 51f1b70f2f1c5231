using System.Buffers;
using System.IO.Pipelines;

namespace ClickHouse.Http;

/// <summary>
/// Reads a TabSeparated response line by line straight from the response pipe, without a string per line or
/// field. Drain <see cref="TryReadLine"/> until it returns false, then <see cref="ReadMoreAsync"/>; a caller may
/// await other work between lines (the unread part of the response stays in the pipe, which is how a slow
/// consumer holds back a large result instead of buffering it).
/// </summary>
public sealed class TabSeparatedReader(PipeReader pipe)
{
    private ReadOnlySequence<byte> _buffer;
    private bool _holdingBuffer;
    private bool _completed;
    private byte[] _scratch = [];

    public long LinesRead { get; private set; }

    /// <summary>Waits for more of the response. False once it has ended.</summary>
    /// <exception cref="ClickHouseException">The response ended in the middle of a line.</exception>
    public async ValueTask<bool> ReadMoreAsync(CancellationToken cancellationToken)
    {
        if (_completed)
        {
            if (!_buffer.IsEmpty)
            {
                throw new ClickHouseException(
                    $"The response ended in the middle of a row after {LinesRead} rows: {TabSeparatedFields.Describe(_buffer.FirstSpan)}");
            }
            return false;
        }
        if (_holdingBuffer)
        {
            // Whatever is left is an incomplete line: wait for more rather than being handed it again.
            pipe.AdvanceTo(_buffer.Start, _buffer.End);
        }
        ReadResult result;
        try
        {
            result = await pipe.ReadAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            throw new ClickHouseException(
                $"The connection to ClickHouse broke after {LinesRead} rows: {exception.Message}", isUnreachable: true, innerException: exception);
        }
        _buffer = result.Buffer;
        _holdingBuffer = true;
        _completed = result.IsCompleted;
        return !(_completed && _buffer.IsEmpty);
    }

    /// <summary>The next complete line without its newline; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var first = _buffer.FirstSpan;
        var newline = first.IndexOf((byte)'\n');
        if (newline >= 0)
        {
            line = first[..newline];
            _buffer = _buffer.Slice(newline + 1);
            LinesRead++;
            return true;
        }
        return TryReadLineAcrossSegments(out line);
    }

    private bool TryReadLineAcrossSegments(out ReadOnlySpan<byte> line)
    {
        var position = _buffer.PositionOf((byte)'\n');
        if (position is not { } newline)
        {
            line = default;
            return false;
        }
        var lineSequence = _buffer.Slice(0, newline);
        var length = checked((int)lineSequence.Length);
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, 4096)];
        }
        lineSequence.CopyTo(_scratch);
        line = _scratch.AsSpan(0, length);
        _buffer = _buffer.Slice(_buffer.GetPosition(1, newline));
        LinesRead++;
        return true;
    }
}
