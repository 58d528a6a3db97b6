namespace CxSim.Running;

/// <summary>Why a run ended.</summary>
public enum StopReason
{
    /// <summary>The scenario's simulated span was fully played.</summary>
    Completed,

    /// <summary>The event limit was reached.</summary>
    CountReached,

    /// <summary>Stopped on request (Ctrl+C or SIGTERM).</summary>
    Cancelled,

    /// <summary>The service refused the credentials (401/403); sending further would be pointless.</summary>
    Unauthorized,
}
