namespace CxServerless.Durable.Client;

/// <summary>One row of the instance index, as returned by queries.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Status">The status at the last index update.</param>
/// <param name="CreatedAt">When the instance was created.</param>
/// <param name="LastUpdatedAt">When the status last changed.</param>
/// <param name="CompletedAt">When it reached a final status, if it has.</param>
public sealed record WorkflowSummary(string InstanceId, string Name, WorkflowStatus Status, DateTimeOffset CreatedAt, DateTimeOffset LastUpdatedAt, DateTimeOffset? CompletedAt);
