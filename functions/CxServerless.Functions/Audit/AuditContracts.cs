using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Audit;

/// <summary>One audit entry as <c>GET /api/audit</c> shows it.</summary>
/// <param name="Time">When it happened (UTC).</param>
/// <param name="Actor">Who: the caller's display name, or <c>system:{function}</c> for a timer.</param>
/// <param name="ActorId">The caller's user id (Entra object id), or the function name.</param>
/// <param name="Roles">The caller's roles then.</param>
/// <param name="Development">True when the caller was a local development identity.</param>
/// <param name="Action">What was done: <c>{method} {function}</c>, or the timer's action.</param>
/// <param name="Target">What it was done to (the URL, or the job's target).</param>
/// <param name="Outcome">The HTTP status, <c>forbidden</c>, or the run's counts.</param>
public sealed record AuditEntryView(
    DateTimeOffset Time,
    string Actor,
    string? ActorId,
    IReadOnlyList<string> Roles,
    bool Development,
    string Action,
    string Target,
    string Outcome);

/// <summary>A page of the audit trail, newest first.</summary>
/// <param name="Entries">The entries on this page.</param>
/// <param name="ContinuationToken">
/// Pass as <c>continuationToken</c> (with the same from and to) for the next page; null on the last.
/// </param>
public sealed record AuditListResponse(IReadOnlyList<AuditEntryView> Entries, string? ContinuationToken);

/// <summary>Source-generated JSON for the audit API: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(AuditListResponse))]
internal sealed partial class AuditJsonContext : JsonSerializerContext;
