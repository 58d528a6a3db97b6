using System.Text.Json.Nodes;

namespace CxHost.Timers;

/// <summary>A timer's persisted schedule status: the last run, the next one, and when it was written.</summary>
public sealed record ScheduleStatus(DateTimeOffset Last, DateTimeOffset Next, DateTimeOffset LastUpdated)
{
    /// <summary>The JSON the host stores and sends in <c>TimerInfo.ScheduleStatus</c>.</summary>
    public JsonObject ToJson() => new()
    {
        ["Last"] = Last.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["Next"] = Next.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["LastUpdated"] = LastUpdated.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>Reads the stored JSON; null when it is not a status.</summary>
    public static ScheduleStatus? FromJson(JsonNode? node) =>
        node is JsonObject o
        && DateTimeOffset.TryParse(
            o["Last"]?.ToString(),
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal,
            out var last)
        && DateTimeOffset.TryParse(
            o["Next"]?.ToString(),
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal,
            out var next)
        && DateTimeOffset.TryParse(
            o["LastUpdated"]?.ToString(),
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal,
            out var updated)
            ? new ScheduleStatus(last, next, updated)
            : null;
}
