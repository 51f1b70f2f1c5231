using System.Text;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads SSE frames (blocks ending in a blank line) from a response stream as they arrive.</summary>
public sealed class SseReader(Stream stream)
{
    private readonly StringBuilder _pending = new();
    private readonly byte[] _buffer = new byte[4096];

    public async Task<string?> ReadFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf("\n\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 2);
                return text[..end];
            }
            var read = await stream.ReadAsync(_buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }
            _pending.Append(Encoding.UTF8.GetString(_buffer, 0, read));
        }
    }
}
