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
                _signals.Add(PosixSignalRegistration.Create(signal, _ => DeleteAll()));
            }
            catch (PlatformNotSupportedException)
            {
            }
        }
    }

    /// <summary>A new empty folder under the system's temporary folder, removed with the others.</summary>
    public string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        lock (_gate)
        {
            _folders.Add(folder);
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

    private void DeleteAll()
    {
        string[] folders;
        lock (_gate)
        {
            folders = [.. _folders];
            _folders.Clear();
        }

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
