namespace Ingestor.Sources.LogDirectory.Scanning;

public sealed partial class DirectoryScanner
{
    private static FileStream OpenShared(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    /// <summary>Reads from <paramref name="offset"/> to the end (at most <paramref name="maxBytes"/>) into the reused buffer.</summary>
    private bool TryReadFrom(string path, long offset, int maxBytes, out ReadOnlyMemory<byte> content)
    {
        content = default;
        try
        {
            using var stream = OpenShared(path);
            stream.Position = offset;
            var length = 0;
            while (length < maxBytes)
            {
                if (length == _buffer.Length)
                {
                    Array.Resize(ref _buffer, _buffer.Length * 2);
                }
                var read = stream.Read(_buffer, length, Math.Min(_buffer.Length, maxBytes) - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            content = _buffer.AsMemory(0, length);
            return true;
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ReadFailed(path, exception);
            return false;
        }
    }

    /// <summary>Moves the file's offset past <paramref name="consumed"/> and keeps the bytes just before the new offset.</summary>
    private static void Advance(TrackedFile file, ReadOnlySpan<byte> consumed)
    {
        if (consumed.IsEmpty)
        {
            return;
        }
        file.Offset += consumed.Length;
        if (consumed.Length >= TrackedFile.FingerprintLength)
        {
            file.Fingerprint = consumed[^TrackedFile.FingerprintLength..].ToArray();
            return;
        }
        var joined = new byte[file.Fingerprint.Length + consumed.Length];
        file.Fingerprint.CopyTo(joined, 0);
        consumed.CopyTo(joined.AsSpan(file.Fingerprint.Length));
        file.Fingerprint = joined.Length > TrackedFile.FingerprintLength ? joined[^TrackedFile.FingerprintLength..] : joined;
    }

    private static byte[] ReadFingerprint(FileStream stream, long offset)
    {
        var length = (int)Math.Min(offset, TrackedFile.FingerprintLength);
        var bytes = new byte[length];
        stream.Position = offset - length;
        stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The bytes before the file's offset are still the ones read: it grew rather than being replaced.</summary>
    private bool HasSameContent(TrackedFile file)
    {
        if (file.Offset == 0)
        {
            return true;
        }
        try
        {
            using var stream = OpenShared(file.Entry.Path);
            if (stream.Length < file.Offset)
            {
                return false;
            }
            return ReadFingerprint(stream, file.Offset).AsSpan().SequenceEqual(file.Fingerprint);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
