using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Interventions;

/// <summary>
/// A message of the outbound intervention queue (<c>%CxInterventionsOutboundQueue%</c>): what the contact platform is
/// asked to do for one live contact. It names the conversation, never the customer: the platform acts on the contact it
/// already holds. Delivered at least once; consumers de-duplicate by <see cref="Id"/>.
/// </summary>
/// <param name="Id">The intervention's id (one per kind and conversation).</param>
/// <param name="Kind">The intervention's kind.</param>
/// <param name="Action">What to do: <c>offerCallback</c>, <c>flagPriority</c> or <c>alertSupervisor</c>.</param>
/// <param name="ConversationId">The contact or chat.</param>
/// <param name="Team">The owning team.</param>
/// <param name="Queue">The contact's queue, when known.</param>
/// <param name="RulesVersion">The rules version it was decided under.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Detail">What triggered it.</param>
public sealed record InterventionOutbound(
    string Id, string Kind, string Action, string ConversationId, string Team, string? Queue, string RulesVersion, DateTimeOffset At,
    string Detail)
{
    /// <summary>The action a kind asks of the contact platform.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The action.</returns>
    public static string ActionOf(string kind) => kind switch
    {
        Domain.Interventions.InterventionKinds.CallbackOffer => "offerCallback",
        Domain.Interventions.InterventionKinds.RepeatContact => "flagPriority",
        _ => "alertSupervisor",
    };

    /// <summary>Writes the message.</summary>
    /// <returns>The JSON text.</returns>
    public string ToJson() => JsonSerializer.Serialize(this, InterventionJsonContext.Default.InterventionOutbound);
}

/// <summary>Source-generated JSON of the interventions' queue message and API (camelCase, no nulls).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(InterventionOutbound))]
[JsonSerializable(typeof(InterventionListResponse))]
internal sealed partial class InterventionJsonContext : JsonSerializerContext;
