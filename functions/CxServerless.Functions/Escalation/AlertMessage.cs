using System.Text.Json;
using System.Text.Json.Nodes;
using CxServerless.Domain.Analytics.Alerts;
using CxServerless.Workflows.Escalation;

namespace CxServerless.Functions.Escalation;

/// <summary>
/// A message of the <c>alerts</c> queue, as <c>AlertStore.NotifyAsync</c> writes it:
/// <c>{ "alertId", "event": "opened|escalated|resolved", "version", "alert": { ... } }</c>.
/// </summary>
/// <param name="AlertId">The alert's id.</param>
/// <param name="Event">opened, escalated (a severity change) or resolved.</param>
/// <param name="Request">What the escalation workflow needs of the alert.</param>
public sealed record AlertMessage(string AlertId, string Event, EscalationRequest Request)
{
    /// <summary>Reads a message; returns null with the reason when it is not one.</summary>
    /// <param name="text">The message text.</param>
    /// <param name="problem">Why it is not a valid message.</param>
    /// <returns>The message, or null.</returns>
    public static AlertMessage? TryParse(string text, out string? problem)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            root = null;
        }

        problem = "the message is not an alert transition ({ alertId, event, alert }).";
        if (root?["alertId"]?.GetValueKind() != JsonValueKind.String || root["event"]?.GetValueKind() != JsonValueKind.String
            || root["alert"] is not JsonObject alert)
        {
            return null;
        }

        var id = root["alertId"]!.GetValue<string>();
        var kind = root["event"]!.GetValue<string>();
        if (id.Length is 0 or > 128 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            problem = "alertId must be 1 to 128 letters, digits, '-' or '_'.";
            return null;
        }

        if (kind is not ("opened" or "escalated" or "resolved"))
        {
            problem = "event must be opened, escalated or resolved.";
            return null;
        }

        if (!Enum.TryParse<AlertSeverity>(Text(alert, "severity"), ignoreCase: true, out var severity) || !Enum.IsDefined(severity))
        {
            problem = "alert.severity must be one of " + string.Join(", ", Enum.GetNames<AlertSeverity>()) + ".";
            return null;
        }

        var route = alert["route"] as JsonObject;
        var request = new EscalationRequest(
            id,
            severity,
            Text(alert, "message") ?? $"{Text(alert, "kpi")} on {Text(alert, "slice")}",
            Text(alert, "slice") ?? "all",
            Text(alert, "kpi"),
            new RoutingHint(route is null ? null : Text(route, "team"), route is null ? null : Text(route, "skill"),
                route is null ? null : Text(route, "issueType")),
            Text(alert, "source") ?? "detected");
        problem = null;
        return new AlertMessage(id, kind, request);
    }

    private static string? Text(JsonObject obj, string name) =>
        obj[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
