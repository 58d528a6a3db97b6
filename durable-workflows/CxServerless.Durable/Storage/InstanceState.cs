using CxServerless.Durable.Client;
using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.Storage;

/// <summary>The instance's state row: what status queries show and what the next episode continues from.</summary>
internal sealed record InstanceState
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public WorkflowStatus Status { get; init; }

    /// <summary>Incremented by ContinueAsNew; history rows of older generations are garbage.</summary>
    public int Generation { get; init; }

    /// <summary>How many history rows of the current generation are committed; rows at or beyond it are ignored.</summary>
    public int EventCount { get; init; }

    /// <summary>How many episodes have been committed over the instance's life.</summary>
    public int Episode { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public WorkflowFailure? Failure { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public string? ParentInstanceId { get; init; }

    public int ParentGeneration { get; init; }

    public int ParentSeq { get; init; }

    public bool IsTerminal => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;
}
