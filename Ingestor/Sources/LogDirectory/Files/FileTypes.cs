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
    private const int StatxSize = 256;
    private const int StatxModeOffset = 28;
    private const int FormatMask = 0xF000;

    /// <summary>The type of <paramref name="path"/> itself (a symbolic link is not followed).</summary>
    public static FileType Of(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path) ? FileType.Regular : Directory.Exists(path) ? FileType.Directory : FileType.Missing;
        }
        var buffer = new byte[StatxSize];
        if (Statx(AtCurrentDirectory, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            return FileType.Missing;
        }
        return (BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(StatxModeOffset)) & FormatMask) switch
        {
            0x8000 => FileType.Regular,
            0x4000 => FileType.Directory,
            0xA000 => FileType.SymbolicLink,
            _ => FileType.Special,
        };
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
