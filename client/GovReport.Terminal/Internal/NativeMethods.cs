using System.Runtime.InteropServices;

namespace GovReport.Terminal.Internal;

// Linux/glibc only; callers check OperatingSystem.IsLinux() first.
internal static partial class NativeMethods
{
    // asm-generic/ioctls.h (x86-64, arm64).
    public const ulong TIOCGWINSZ = 0x5413;
    public const short POLLIN = 0x0001;

    [StructLayout(LayoutKind.Sequential)]
    public struct WinSize
    {
        public ushort Rows;
        public ushort Columns;
        public ushort XPixels;
        public ushort YPixels;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [LibraryImport("libc", SetLastError = true)]
    public static partial int ioctl(int fd, ulong request, out WinSize size);

    [LibraryImport("libc", SetLastError = true)]
    public static partial int poll(ref PollFd fds, nuint count, int timeoutMs);

    [LibraryImport("libc")]
    public static partial int isatty(int fd);

    [LibraryImport("libc", SetLastError = true)]
    public static partial nint read(int fd, ref byte buffer, nuint count);
}
