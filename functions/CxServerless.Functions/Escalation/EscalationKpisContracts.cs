using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Escalation;

/// <summary>The answer of <c>GET /api/escalation/kpis</c>: how escalations performed over the window.</summary>
/// <param name="From">The window's start (excluded): tasks created after it count.</param>
/// <param name="To">The window's end (included): now.</param>
/// <param name="Team">The team the figures cover, or null for every team.</param>
/// <param name="Tasks">Tasks (alerts escalated) created in the window.</param>
/// <param name="Acknowledged">How many of them were acknowledged.</param>
/// <param name="MeanTimeToAcknowledgeSeconds">Mean seconds from task creation to acknowledgement; null when none was acknowledged.</param>
/// <param name="Resolved">How many were resolved (by a person or by the alert resolving itself; false alarms excluded).</param>
/// <param name="MeanTimeToResolveSeconds">Mean seconds from creation to resolution; null when none was resolved.</param>
/// <param name="SlaBreaches">How many outlived their last escalation level.</param>
/// <param name="SlaBreachRate">Breaches ÷ tasks (0–1); null without tasks.</param>
/// <param name="Escalations">Climbs to a next level, in total.</param>
/// <param name="EscalationsPerAlert">Escalations ÷ tasks; null without tasks.</param>
/// <param name="FalseAlarmsByRule">Per alert rule: alerts, false alarms and their rate, most false alarms first.</param>
public sealed record EscalationKpisResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    string? Team,
    int Tasks,
    int Acknowledged,
    double? MeanTimeToAcknowledgeSeconds,
    int Resolved,
    double? MeanTimeToResolveSeconds,
    int SlaBreaches,
    double? SlaBreachRate,
    int Escalations,
    double? EscalationsPerAlert,
    IReadOnlyList<RuleFalseAlarmsResponse> FalseAlarmsByRule);

/// <summary>The false alarms of one alert rule.</summary>
/// <param name="Rule">The rule id (<c>manual</c> for declared incidents, <c>unknown</c> when the alert is no longer stored).</param>
/// <param name="Alerts">Its alerts escalated in the window.</param>
/// <param name="FalseAlarms">How many were marked false alarms.</param>
/// <param name="Rate">False alarms ÷ alerts (0–1).</param>
public sealed record RuleFalseAlarmsResponse(string Rule, int Alerts, int FalseAlarms, double Rate);

/// <summary>Source-generated JSON for the escalation KPIs: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EscalationKpisResponse))]
internal sealed partial class EscalationKpisJsonContext : JsonSerializerContext;
