namespace CxServerless.Durable.History;

/// <summary>The kinds of event an orchestration's history records.</summary>
public enum HistoryEventKind
{
    /// <summary>The execution started with its input (first event of every generation).</summary>
    WorkflowStarted,

    /// <summary>An episode began; its timestamp is <c>CurrentUtcDateTime</c> for that episode.</summary>
    EpisodeStarted,

    /// <summary>The orchestration scheduled an activity (sequence number, name, input).</summary>
    ActivityScheduled,

    /// <summary>An activity returned a result.</summary>
    ActivityCompleted,

    /// <summary>An activity threw.</summary>
    ActivityFailed,

    /// <summary>The orchestration created a durable timer.</summary>
    TimerCreated,

    /// <summary>A durable timer fired.</summary>
    TimerFired,

    /// <summary>The orchestration started a child orchestration.</summary>
    SubWorkflowScheduled,

    /// <summary>A child orchestration completed.</summary>
    SubWorkflowCompleted,

    /// <summary>A child orchestration failed or was terminated.</summary>
    SubWorkflowFailed,

    /// <summary>An external event arrived.</summary>
    EventRaised,

    /// <summary>The orchestration returned its output.</summary>
    WorkflowCompleted,

    /// <summary>The orchestration failed (exception, non-determinism or a poison message).</summary>
    WorkflowFailed,

    /// <summary>The orchestration was terminated by a client.</summary>
    WorkflowTerminated,
}
