using System.Text.Json;
using CxServerless.Durable.History;
using CxServerless.Durable.Orchestration;

namespace CxServerless.Durable.Client;

/// <summary>An instance's status as stored: input, output and custom status as JSON, and optionally its history.</summary>
public sealed record WorkflowState
{
    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The orchestrator name.</summary>
    public required string Name { get; init; }

    /// <summary>The status.</summary>
    public WorkflowStatus Status { get; init; }

    /// <summary>The current input (JSON), which ContinueAsNew replaces.</summary>
    public string? Input { get; init; }

    /// <summary>The output (JSON) when completed, or the reason when terminated.</summary>
    public string? Output { get; init; }

    /// <summary>The last custom status the orchestration set (JSON).</summary>
    public string? CustomStatus { get; init; }

    /// <summary>Why the instance failed.</summary>
    public WorkflowFailure? Failure { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the last episode committed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When it reached a final status.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How many times the instance continued as new.</summary>
    public int Generation { get; init; }

    /// <summary>The parent instance when this is a sub-orchestration.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>The current generation's history, when requested.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    /// <summary>True for Completed, Failed and Terminated.</summary>
    public bool IsFinal => Status is WorkflowStatus.Completed or WorkflowStatus.Failed or WorkflowStatus.Terminated;

    /// <summary>Deserializes the output.</summary>
    public T? ReadOutput<T>(JsonSerializerOptions? options = null) =>
        Output is null ? default : JsonSerializer.Deserialize<T>(Output, options ?? JsonSerializerOptions.Web);

    /// <summary>Deserializes the custom status.</summary>
    public T? ReadCustomStatus<T>(JsonSerializerOptions? options = null) =>
        CustomStatus is null ? default : JsonSerializer.Deserialize<T>(CustomStatus, options ?? JsonSerializerOptions.Web);
}
