namespace StreamApi.Streaming;

/// <summary>How a compact snapshot is compressed on the wire (its <c>Content-Encoding</c>).</summary>
public enum ContentCoding
{
    Identity,
    Gzip,
    Brotli,
}
