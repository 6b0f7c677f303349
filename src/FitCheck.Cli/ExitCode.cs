namespace FitCheck.Cli;

/// <summary>The process exit codes: stable, documented in the README.</summary>
public enum ExitCode
{
    /// <summary>Nothing at or above --fail-on.</summary>
    Success = 0,
    /// <summary>Findings at or above --fail-on.</summary>
    Findings = 1,
    /// <summary>An input could not be read, or the command line or config is wrong.</summary>
    InputError = 2,
}
