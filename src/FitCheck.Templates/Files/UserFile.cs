using System.Buffers;
using System.Formats.Tar;
using System.Security;
using FitCheck.Model;

namespace FitCheck.Templates.Files;

/// <summary>What reading a user's file gave: the bytes, or why there are none (with the diagnostic code to report).</summary>
public readonly record struct UserFileContent(byte[]? Bytes, string? Error, string Code)
{
    public bool Ok => Bytes is not null;
}

/// <summary>
/// The one way fitcheck reads a file the user gave or pointed to (templates, files a template references, the config,
/// the workload profile, a baseline, the files of a git revision): only a regular file, and never more than a limit,
/// counted in bytes actually read. A named pipe would block the open for ever and a device (<c>/dev/zero</c>) reports a
/// length of 0 and never ends, so neither the reported length nor the kind of a path can be trusted.
/// </summary>
public static class UserFile
{
    /// <summary>Reads <paramref name="fullPath"/> (symbolic links followed) when it is a regular file of at most <paramref name="maxBytes"/>.</summary>
    /// <param name="what">What the file is, for the messages: "template", "config file", "baseline"...</param>
    /// <param name="prefix">Give the first <paramref name="maxBytes"/> of a longer file instead of refusing it (to look at its start).</param>
    public static UserFileContent Read(string fullPath, long maxBytes, string what = "file", bool prefix = false)
    {
        var content = Read(fullPath, maxBytes, what, prefix, pool: null, out var length);
        return content.Bytes is { } bytes && bytes.Length != length ? content with { Bytes = bytes[..length] } : content;
    }

    /// <summary>
    /// <see cref="Read(string, long, string, bool)"/> into an array rented from <paramref name="pool"/> (when given): the
    /// content is the first <paramref name="length"/> bytes, and the caller returns the array to the pool when done.
    /// A reader that keeps nothing of the bytes (the template readers make strings) spares a fresh array per file.
    /// </summary>
    internal static UserFileContent Read(string fullPath, long maxBytes, string what, bool prefix, ArrayPool<byte>? pool, out int length)
    {
        length = 0;
        try
        {
            if (NotRegular(fullPath, out var missing) is { } why)
            {
                return new UserFileContent(null, why, DiagnosticCodes.Unreadable);
            }

            if (missing)
            {
                return new UserFileContent(null, $"the {what} does not exist", DiagnosticCodes.Unreadable);
            }

            using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var reported = stream.CanSeek ? stream.Length : 0;
            if (reported > maxBytes && !prefix)
            {
                return TooLarge(what, maxBytes, reported); // A lower bound is never trusted; an upper one is enough to refuse.
            }

            // The buffer has the reported length (at most 1 MB to start with): a file that keeps its word is read into it
            // with no copy, and one byte more, read apart, tells the end of the file from a file longer than it said.
            var size = (int)Math.Clamp(reported, 0, Math.Min(maxBytes, 1 << 20));
            var buffer = pool is null ? new byte[size] : pool.Rent(size);
            var total = 0L;
            Span<byte> probe = stackalloc byte[1];
            while (true)
            {
                if (total == size)
                {
                    if (stream.Read(probe) == 0)
                    {
                        break;
                    }

                    if (total >= maxBytes)
                    {
                        if (prefix)
                        {
                            break;
                        }

                        pool?.Return(buffer);
                        return TooLarge(what, maxBytes, reported);
                    }

                    size = (int)Math.Min(maxBytes, Math.Max(total + 1, (long)size * 2));
                    if (size > buffer.Length)
                    {
                        var larger = pool is null ? new byte[size] : pool.Rent(size);
                        buffer.AsSpan(0, (int)total).CopyTo(larger);
                        pool?.Return(buffer);
                        buffer = larger;
                    }

                    buffer[total++] = probe[0];
                    continue;
                }

                var read = stream.Read(buffer, (int)total, size - (int)total);
                if (read == 0)
                {
                    break;
                }

                total += read;
            }

            length = (int)total;
            return new UserFileContent(buffer, null, "");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or SecurityException)
        {
            return new UserFileContent(null, "cannot read the file: " + ex.Message, DiagnosticCodes.Unreadable);
        }
    }

    /// <summary>Null when <paramref name="fullPath"/> is a regular file (after symbolic links) or does not exist
    /// (<paramref name="missing"/>); otherwise why it is not read: a folder, a named pipe, a device, a socket, a dangling link.</summary>
    public static string? NotRegular(string fullPath, out bool missing)
    {
        missing = false;
        FileSystemInfo target = new FileInfo(fullPath);
        // Only a link (or a path that does not exist) has a link target to ask for: one readlink fewer per file.
        if ((target.Attributes & FileAttributes.ReparsePoint) != 0 && target.LinkTarget is { } link)
        {
            if (IsAnonymousPipe(link))
            {
                return $"it is a pipe ({link}), as from a process substitution such as <(...); fitcheck reads only regular files";
            }

            try
            {
                target = target.ResolveLinkTarget(returnFinalTarget: true) ?? target;
            }
            catch (IOException)
            {
                return "the symbolic link cannot be resolved (a loop of links)";
            }

            if (!target.Exists && !Directory.Exists(target.FullName))
            {
                return $"it is a symbolic link whose target ({link}) does not exist";
            }
        }

        if (Directory.Exists(target.FullName))
        {
            return "it is a folder, not a file";
        }

        if (!target.Exists)
        {
            missing = true;
            return null;
        }

        // Named pipes, devices and sockets report a length of 0 (on Linux always); a regular file with content never
        // does, so only those are looked at more closely, without opening them.
        var file = (FileInfo)target;
        if ((file.Length > 0 && OperatingSystem.IsLinux()) || OperatingSystem.IsWindows())
        {
            return null;
        }

        return KindOf(file.FullName) switch
        {
            TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile or TarEntryType.HardLink => null,
            TarEntryType.Fifo => "it is a named pipe (FIFO), not a regular file; fitcheck reads only regular files",
            TarEntryType.CharacterDevice or TarEntryType.BlockDevice => "it is a device, not a regular file; fitcheck reads only regular files",
            TarEntryType.Directory => "it is a folder, not a file",
            null => "it is not a regular file (a socket, or a kind fitcheck cannot tell); fitcheck reads only regular files",
            var other => $"it is not a regular file ({other}); fitcheck reads only regular files",
        };
    }

    /// <summary>Linux shows the pipe of a process substitution (<c>/dev/fd/63</c>) as a link to <c>pipe:[inode]</c>.</summary>
    private static bool IsAnonymousPipe(string linkTarget) =>
        linkTarget.StartsWith("pipe:[", StringComparison.Ordinal) || linkTarget.StartsWith("socket:[", StringComparison.Ordinal)
        || linkTarget.StartsWith("anon_inode:", StringComparison.Ordinal);

    private static UserFileContent TooLarge(string what, long maxBytes, long reported) => new(null,
        reported > maxBytes
            ? $"the {what} is {reported / (1024 * 1024)} MB; fitcheck reads a {what} of up to {maxBytes / (1024 * 1024)} MB"
            : $"more than {maxBytes / (1024 * 1024)} MB could be read from the {what} although it reports {reported} bytes (a device or a growing file?); fitcheck reads a {what} of up to {maxBytes / (1024 * 1024)} MB",
        DiagnosticCodes.Limit);

    /// <summary>
    /// The kind of file at a path, without opening anything but a regular file. .NET has no public API for the type of
    /// a Unix file; System.Formats.Tar reads it (lstat) to write an entry's header, so the header of an entry written to
    /// a stream that stops after it tells the kind. Null for a kind a tar file cannot hold (a socket).
    /// </summary>
    private static TarEntryType? KindOf(string fullPath)
    {
        using var header = new HeaderOnly();
        try
        {
            using var writer = new TarWriter(header, TarEntryFormat.Ustar, leaveOpen: true);
            writer.WriteEntry(fullPath, "probe");
        }
        catch (HeaderOnly.Complete)
        {
        }
        catch (IOException)
        {
            return null;
        }

        return header.Type;
    }

    /// <summary>A stream that keeps the first tar header written to it and stops the writer there.</summary>
    private sealed class HeaderOnly : Stream
    {
        private const int TypeFlagOffset = 156;
        private readonly byte[] _header = new byte[512];
        private int _written;

        public TarEntryType? Type => _written > TypeFlagOffset ? (TarEntryType)_header[TypeFlagOffset] : null;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written >= _header.Length)
            {
                return; // The writer's end-of-archive blocks when it is disposed.
            }

            var n = Math.Min(buffer.Length, _header.Length - _written);
            buffer[..n].CopyTo(_header.AsSpan(_written));
            _written += n;
            if (_written == _header.Length)
            {
                throw new Complete();
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

#pragma warning disable CA1064, CA1032 // Private control flow: thrown and caught within UserFile only.
        internal sealed class Complete : Exception;
#pragma warning restore CA1064, CA1032
    }
}
