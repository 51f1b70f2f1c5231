namespace TensorBoard;

/// <summary>
/// TFRecord framing: <c>uint64 length, uint32 masked_crc32c(length), data[length], uint32 masked_crc32c(data)</c>,
/// little-endian.
/// </summary>
public static class TfRecord
{
    public const int HeaderSize = sizeof(ulong) + sizeof(uint);
    public const int FooterSize = sizeof(uint);

    /// <summary>Bytes of framing around the data of one record.</summary>
    public const int Overhead = HeaderSize + FooterSize;

    /// <summary>
    /// Larger lengths are treated as corruption even when their CRC matches: no summary writer produces a
    /// record this big, and trusting one would make the reader wait for gigabytes that never come.
    /// </summary>
    public const long MaxDataLength = 256L * 1024 * 1024;
}
