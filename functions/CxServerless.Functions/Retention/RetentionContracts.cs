using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Retention;

/// <summary>One data class's limit as configured.</summary>
/// <param name="Class">The class name.</param>
/// <param name="Setting">The app setting of its limit.</param>
/// <param name="Days">The limit in force, in days.</param>
/// <param name="Walk">How the sweep finds expired rows.</param>
public sealed record RetentionPolicyView(string Class, string Setting, int Days, string Walk);

/// <summary>One run of a retention job with its counts.</summary>
/// <param name="Job"><c>RetentionSweep</c> or <c>PurgeWorkflowHistory</c>.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="FinishedAt">When it finished.</param>
/// <param name="Deleted">Rows (or workflow instances) deleted over every class.</param>
/// <param name="Held">Due rows kept under a legal hold.</param>
/// <param name="Classes">The counts per class.</param>
public sealed record RetentionRunView(
    string Job, DateTimeOffset StartedAt, DateTimeOffset FinishedAt, long Deleted, long Held, IReadOnlyList<RetentionClassCount> Classes);

/// <summary>The answer of <c>GET /api/ops/retention</c>: the limits in force and the latest runs, newest first.</summary>
/// <param name="Policy">Every class's limit.</param>
/// <param name="Runs">The latest runs.</param>
public sealed record RetentionResponse(IReadOnlyList<RetentionPolicyView> Policy, IReadOnlyList<RetentionRunView> Runs);

/// <summary>The body of <c>PUT /api/ops/legal-holds/{kind}/{id}</c>.</summary>
/// <param name="Reason">Why the hold is set (a case reference, a request); required, masked before it is stored.</param>
public sealed record LegalHoldRequest(string? Reason);

/// <summary>The answer of <c>GET /api/ops/legal-holds</c>.</summary>
/// <param name="Holds">Every hold in force.</param>
public sealed record LegalHoldListResponse(IReadOnlyList<LegalHold> Holds);

/// <summary>Source-generated JSON for the retention and legal-hold API: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RetentionResponse))]
[JsonSerializable(typeof(IReadOnlyList<RetentionClassCount>))]
[JsonSerializable(typeof(LegalHoldRequest))]
[JsonSerializable(typeof(LegalHold))]
[JsonSerializable(typeof(LegalHoldListResponse))]
internal sealed partial class RetentionJsonContext : JsonSerializerContext;
