using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Operations;

/// <summary>The body of <c>GET /api/health</c> for every caller but an OpsAdmin: the status only.</summary>
/// <param name="Status">healthy, starting or unhealthy.</param>
public sealed record HealthStatusResponse(string Status);

/// <summary>The body of <c>GET /api/health</c> for an OpsAdmin: the status and its details.</summary>
/// <param name="Status">healthy, starting or unhealthy.</param>
/// <param name="Reason">Why it is unhealthy.</param>
/// <param name="Version">The handler's informational version.</param>
/// <param name="Time">When it answered.</param>
/// <param name="Storage">The storage probe.</param>
/// <param name="Workflows">The hosted workflow worker.</param>
/// <param name="Heartbeat">The last heartbeat, when one was written.</param>
public sealed record HealthResponse(
    string Status, string? Reason, string Version, DateTimeOffset Time, StorageHealth Storage, WorkflowHealth Workflows,
    HeartbeatHealth? Heartbeat);

/// <summary>Whether storage answers.</summary>
/// <param name="Reachable">True when the probe succeeded.</param>
/// <param name="LatencyMs">The probe's round trip.</param>
/// <param name="Error">The error code or exception type when it failed.</param>
/// <param name="KpiReads">Storage requests the KPI read side made since start ("reads per dashboard refresh" is measured
/// from it).</param>
public sealed record StorageHealth(bool Reachable, double LatencyMs, string? Error, long KpiReads);

/// <summary>The hosted workflow worker.</summary>
/// <param name="Worker">running, starting (until its task hub is ready) or stopped.</param>
public sealed record WorkflowHealth(string Worker);

/// <summary>The last heartbeat.</summary>
/// <param name="Last">When it beat.</param>
/// <param name="AgeSeconds">How long ago.</param>
/// <param name="IsPastDue">True when the timer ran late.</param>
/// <param name="Stale">True when the pipeline has stalled.</param>
public sealed record HeartbeatHealth(DateTimeOffset Last, double AgeSeconds, bool IsPastDue, bool Stale);

/// <summary>Source-generated JSON for the health answer; nulls are written.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HealthResponse))]
[JsonSerializable(typeof(HealthStatusResponse))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
