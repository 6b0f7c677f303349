namespace FitCheck.Cli;

/// <summary>The process exit codes: stable, documented in the README.</summary>
public enum ExitCode
{
    /// <summary>Nothing at or above --fail-on.</summary>
    Success = 0,
    /// <summary>Findings at or above --fail-on.</summary>
    Findings = 1,
    /// <summary>An input could not be read, nothing was found to assess, the command line or config is wrong, or an
    /// output could not be written (a full disk, a closed standard output).</summary>
    InputError = 2,
    /// <summary>fitcheck itself failed (a bug): never a verdict on the templates.</summary>
    InternalError = 3,
}
