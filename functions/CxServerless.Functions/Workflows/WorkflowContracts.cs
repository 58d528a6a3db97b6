using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Workflows;

/// <summary>One workflow instance as the management API shows it.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Name">The orchestrator's name.</param>
/// <param name="Status">Pending, Running, Suspended, Completed, Failed or Terminated.</param>
/// <param name="CreatedAt">When the instance was created.</param>
/// <param name="LastUpdatedAt">When its state last changed.</param>
/// <param name="Input">The input (on a single instance only).</param>
/// <param name="Output">The output, once finished (on a single instance only).</param>
/// <param name="CustomStatus">The status the orchestrator last set.</param>
/// <param name="Failure">Why it failed, when it did.</param>
/// <param name="History">The history events of the current execution, when asked for.</param>
public sealed record WorkflowInstanceResponse(
    string InstanceId,
    string Name,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    JsonNode? Input,
    JsonNode? Output,
    JsonNode? CustomStatus,
    WorkflowFailureResponse? Failure,
    JsonNode? History);

/// <summary>Why an instance failed.</summary>
/// <param name="ErrorType">The exception type.</param>
/// <param name="ErrorMessage">The exception message.</param>
public sealed record WorkflowFailureResponse(string ErrorType, string ErrorMessage);

/// <summary>A page of instances.</summary>
/// <param name="Instances">The instances on this page.</param>
/// <param name="ContinuationToken">Pass as <c>continuationToken</c> for the next page; null on the last page.</param>
public sealed record WorkflowListResponse(IReadOnlyList<WorkflowInstanceResponse> Instances, string? ContinuationToken);

/// <summary>The answer to an action on an instance.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Action">What was done: eventRaised, terminating or purged.</param>
/// <param name="Detail">The event name, the reason, or the number of instances purged.</param>
public sealed record WorkflowActionResponse(string InstanceId, string Action, string Detail);

/// <summary>The body of <c>POST /api/workflows/{id}/terminate</c>.</summary>
/// <param name="Reason">Why the instance is terminated; recorded as its output and in the audit trail.</param>
public sealed record WorkflowTerminateRequest(string? Reason);

/// <summary>Source-generated JSON for the workflow management API: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkflowInstanceResponse))]
[JsonSerializable(typeof(WorkflowListResponse))]
[JsonSerializable(typeof(WorkflowActionResponse))]
[JsonSerializable(typeof(WorkflowTerminateRequest))]
internal sealed partial class WorkflowJsonContext : JsonSerializerContext;
