namespace CxServerless.Durable.Client;

/// <summary>The answer to a start request.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Created">True when this call created the instance; false when it already existed (the call changed nothing).</param>
/// <param name="Status">The instance's status after the call.</param>
public sealed record WorkflowStartResult(string InstanceId, bool Created, WorkflowStatus Status);
