namespace CxServerless.Functions.Interventions;

/// <summary>One intervention as the Interventions table lists it: sent, or suppressed by a cap.</summary>
/// <param name="Id">The intervention's id (kind and conversation).</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Outcome">An <see cref="CxServerless.Domain.Interventions.InterventionOutcomes"/> value.</param>
/// <param name="RulesVersion">The version of the rules it was decided under.</param>
/// <param name="ConversationId">The contact or chat.</param>
/// <param name="CustomerKey">The customer's pseudonym, when known.</param>
/// <param name="Team">The team the caps counted it against.</param>
/// <param name="Queue">The contact's queue, when known.</param>
/// <param name="EventTime">When the situation arose at the source.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Detail">What triggered it.</param>
/// <param name="Recipients">The staff notified (team leads or supervisors); empty when suppressed.</param>
public sealed record InterventionRecord(
    string Id, string Kind, string Outcome, string RulesVersion, string ConversationId, string? CustomerKey, string Team,
    string? Queue, DateTimeOffset EventTime, DateTimeOffset At, string Detail, IReadOnlyList<string> Recipients);
