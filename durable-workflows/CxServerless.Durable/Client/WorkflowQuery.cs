namespace CxServerless.Durable.Client;

/// <summary>A query over the instance index: any combination of status and creation-time range.</summary>
/// <param name="Status">Only instances in this status, or all when null.</param>
/// <param name="CreatedFrom">Only instances created at or after this time.</param>
/// <param name="CreatedTo">Only instances created before this time.</param>
/// <param name="Top">At most this many results (1-1000).</param>
public sealed record WorkflowQuery(WorkflowStatus? Status = null, DateTimeOffset? CreatedFrom = null, DateTimeOffset? CreatedTo = null, int Top = 100);
