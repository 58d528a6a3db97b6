namespace CxServerless.Functions.Interventions;

/// <summary>The answer of <c>GET /api/interventions</c>.</summary>
/// <param name="From">The range's start.</param>
/// <param name="To">The range's end.</param>
/// <param name="Items">One page of interventions, in decision order.</param>
/// <param name="Counts">Per kind over the whole range (and team), whatever the page and the kind filter: sent and suppressed.</param>
/// <param name="ContinuationToken">The next page's token, absent on the last page.</param>
public sealed record InterventionListResponse(
    DateTimeOffset From, DateTimeOffset To, IReadOnlyList<InterventionItem> Items, IReadOnlyList<InterventionCount> Counts,
    string? ContinuationToken);

/// <summary>One intervention in the list.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="Outcome">sent, suppressedCustomerCap or suppressedTeamCap.</param>
/// <param name="RulesVersion">The rules version it was decided under.</param>
/// <param name="ConversationId">The contact or chat.</param>
/// <param name="Team">The team.</param>
/// <param name="Queue">The queue, when known.</param>
/// <param name="EventTime">When the situation arose at the source.</param>
/// <param name="At">When it was decided.</param>
/// <param name="Detail">What triggered it.</param>
/// <param name="Notified">The staff notified.</param>
public sealed record InterventionItem(
    string Id, string Kind, string Outcome, string RulesVersion, string ConversationId, string Team, string? Queue,
    DateTimeOffset EventTime, DateTimeOffset At, string Detail, IReadOnlyList<string> Notified);

/// <summary>How many interventions of one kind were sent and suppressed in the range.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Sent">Sent.</param>
/// <param name="SuppressedCustomerCap">Suppressed by the per-customer cap.</param>
/// <param name="SuppressedTeamCap">Suppressed by the per-team cap.</param>
public sealed record InterventionCount(string Kind, long Sent, long SuppressedCustomerCap, long SuppressedTeamCap);
