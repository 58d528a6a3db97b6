namespace CxSim.Cli;

/// <summary>cx-sim's process exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every generated event was accepted (or the run was stopped and nothing failed).</summary>
    public const int Success = 0;

    /// <summary>Some events failed after retries, or a file could not be written.</summary>
    public const int SendFailures = 1;

    /// <summary>The command line or a scenario file is invalid; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>The service refused the credentials (HTTP 401/403).</summary>
    public const int Unauthorized = 3;
}
