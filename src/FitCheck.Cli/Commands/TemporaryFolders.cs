using System.Runtime.InteropServices;

namespace FitCheck.Cli.Commands;

/// <summary>
/// Temporary folders that are removed on every way out of a command: when disposed (a return or an exception), and
/// when the process is interrupted (Ctrl-C, SIGTERM, SIGQUIT, SIGHUP), before the default action ends it.
/// </summary>
internal sealed class TemporaryFolders : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<string> _folders = [];
    private readonly List<PosixSignalRegistration> _signals = [];

    public TemporaryFolders()
    {
        PosixSignal[] signals = OperatingSystem.IsWindows()
            ? [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT]
            : [PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP];
        foreach (var signal in signals)
        {
            try
            {
                // The context is not cancelled: once the folders are gone, the signal ends the process as usual.
                _signals.Add(PosixSignalRegistration.Create(signal, _ => Interrupted()));
            }
            catch (PlatformNotSupportedException)
            {
            }
        }
    }

    /// <summary>A new empty folder under the system's temporary folder, removed with the others.</summary>
    /// <remarks>The folder is listed before it is created, so a signal that arrives in between still removes it; after a
    /// signal no folder is created any more.</remarks>
    public string Create(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), prefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        lock (_gate)
        {
            if (_interrupted)
            {
                throw new OperationCanceledException("fitcheck was interrupted");
            }

            _folders.Add(folder);
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            // Readable by the user alone, as Directory.CreateTempSubdirectory makes them.
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }

    public void Dispose()
    {
        foreach (var registration in _signals)
        {
            registration.Dispose();
        }

        DeleteAll();
    }

    private bool _interrupted;

    // On a signal the command may still be writing into a folder (git extracting a revision): no new folder is created,
    // and each is deleted again until it stays gone (a bounded half second), then the default action ends the process.
    private void Interrupted()
    {
        string[] folders;
        lock (_gate)
        {
            _interrupted = true;
            folders = [.. _folders];
        }

        for (var attempt = 0; attempt < 25 && folders.Any(Directory.Exists); attempt++)
        {
            DeleteAll(folders);
            if (folders.Any(Directory.Exists))
            {
                Thread.Sleep(20);
            }
        }
    }

    private void DeleteAll()
    {
        string[] folders;
        lock (_gate)
        {
            folders = [.. _folders];
            _folders.Clear();
        }

        DeleteAll(folders);
    }

    private static void DeleteAll(IEnumerable<string> folders)
    {
        foreach (var folder in folders)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // A folder left behind is not worth failing the run (or the interrupted run) over.
            }
        }
    }
}
