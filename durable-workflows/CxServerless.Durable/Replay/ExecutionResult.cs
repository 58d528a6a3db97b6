using CxServerless.Durable.Client;
using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.Replay;

/// <summary>What one episode's execution of the orchestrator produced.</summary>
internal sealed record ExecutionResult
{
    /// <summary>Running, Completed or Failed; ContinuedAsNew is <see cref="ContinueAsNew"/> with Running.</summary>
    public required WorkflowStatus Status { get; init; }

    /// <summary>Steps scheduled in this episode, in the order the code scheduled them.</summary>
    public IReadOnlyList<PendingAction> NewActions { get; init; } = [];

    public string? Output { get; init; }

    public WorkflowFailure? Failure { get; init; }

    /// <summary>True when the code set a custom status (possibly to null) during this execution.</summary>
    public bool CustomStatusSet { get; init; }

    public string? CustomStatus { get; init; }

    /// <summary>Set when the orchestration continued as new.</summary>
    public ContinueAsNewRequest? ContinueAsNew { get; init; }
}
