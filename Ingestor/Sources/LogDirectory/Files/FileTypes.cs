using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Ingestor.Sources.LogDirectory.Files;

/// <summary>
/// File types and real paths from the C library, which .NET does not expose: its file APIs report a FIFO, a socket
/// or a device as an ordinary file, and opening a FIFO blocks until something writes to it. <c>statx(2)</c> is used
/// because its structure is the same on every Linux architecture. Elsewhere every path counts as a regular file
/// named by itself.
/// </summary>
public static class FileTypes
{
    private const int AtCurrentDirectory = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const uint StatxModificationTime = 0x40;
    private const uint StatxSizeField = 0x200;
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;
    private const int StatxSizeOffset = 40;
    private const int StatxModificationSecondsOffset = 112;
    private const int StatxModificationNanosecondsOffset = 120;

    [ThreadStatic]
    private static byte[]? _statxBuffer;
    private const int FormatMask = 0xF000;

    /// <summary>
    /// The type, length and modification time (a directory's too) of <paramref name="path"/> itself (a symbolic link is
    /// not followed) in one system call, so a listing of thousands of files costs one call per file and no object.
    /// </summary>
    public static FileStatus Stat(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStatus(FileType.Regular, info.Length, info.LastWriteTimeUtc.Ticks)
                : Directory.Exists(path) ? new FileStatus(FileType.Directory, 0, Directory.GetLastWriteTimeUtc(path).Ticks) : default;
        }
        var buffer = _statxBuffer ??= new byte[StatxSize];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType | StatxSizeField | StatxModificationTime, buffer) != 0)
        {
            return default;
        }
        var type = (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(StatxModeOffset)) & FormatMask) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            _ => FileType.Special,
        };
        var seconds = BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(StatxModificationSecondsOffset));
        var nanoseconds = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(StatxModificationNanosecondsOffset));
        // The same ticks FileInfo.LastWriteTimeUtc gives, so entries from either compare equal.
        var ticks = DateTime.UnixEpoch.Ticks + (seconds * TimeSpan.TicksPerSecond) + (nanoseconds / 100);
        return new FileStatus(type, (long)BinaryPrimitives.ReadUInt64LittleEndian(buffer.AsSpan(StatxSizeOffset)), ticks);
    }

    /// <summary>The absolute path with every symbolic link resolved (<c>realpath(3)</c>); null when it does not exist.</summary>
    public static string? RealPath(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return Path.Exists(path) ? Path.GetFullPath(path) : null;
        }
        var resolved = RealPathNative(path, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            return null;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved);
        }
        finally
        {
            Free(resolved);
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="directory"/> or lies below it (both real paths).</summary>
    public static bool IsWithin(string path, string directory) =>
        path == directory || path.StartsWith(Path.TrimEndingDirectorySeparator(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "realpath", SetLastError = true)]
    private static extern IntPtr RealPathNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr resolved);

    [DllImport("libc", EntryPoint = "free")]
    private static extern void Free(IntPtr pointer);
}
