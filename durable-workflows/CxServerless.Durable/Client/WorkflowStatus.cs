namespace CxServerless.Durable.Client;

/// <summary>The lifecycle state of an orchestration instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Created by a client; its first episode has not run yet.</summary>
    Pending,

    /// <summary>Started and waiting for activities, timers, events or children.</summary>
    Running,

    /// <summary>Returned its output.</summary>
    Completed,

    /// <summary>Failed; see the failure for why.</summary>
    Failed,

    /// <summary>Terminated by a client.</summary>
    Terminated,
}
