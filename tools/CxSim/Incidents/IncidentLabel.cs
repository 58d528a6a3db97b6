using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxSim.Incidents;

/// <summary>
/// One line of the labels file (JSON lines): what was injected, which KPI should show it (<see cref="Kpi"/>, plus every
/// KPI expected to move in <see cref="Affects"/>), on which slice, and when in event time.
/// </summary>
public sealed record IncidentLabel(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("kpi")] string Kpi,
    [property: JsonPropertyName("affects")] IReadOnlyList<string> Affects,
    [property: JsonPropertyName("slice")] IReadOnlyDictionary<string, string> Slice,
    [property: JsonPropertyName("start")] DateTimeOffset Start,
    [property: JsonPropertyName("end")] DateTimeOffset End,
    [property: JsonPropertyName("magnitude")] double Magnitude)
{
    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false };

    /// <summary>The kebab-case name of an incident kind as written in labels and on the command line.</summary>
    public static string KindName(IncidentKind kind) => kind switch
    {
        IncidentKind.WaitSpike => "wait-spike",
        IncidentKind.CsatDip => "csat-dip",
        IncidentKind.AbandonmentSurge => "abandonment-surge",
        IncidentKind.DeadQueue => "dead-queue",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown incident kind."),
    };

    /// <summary>The KPIs (names as in docs/kpis.md, kebab-case) an incident kind moves; the first is the primary one.</summary>
    public static IReadOnlyList<string> KpisOf(IncidentKind kind) => kind switch
    {
        IncidentKind.WaitSpike => ["average-speed-of-answer", "service-level", "first-response-time"],
        IncidentKind.CsatDip => ["csat", "nps", "customer-effort", "sentiment"],
        IncidentKind.AbandonmentSurge => ["abandonment-rate", "service-level"],
        IncidentKind.DeadQueue => ["service-level", "abandonment-rate", "backlog"],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown incident kind."),
    };

    /// <summary>The label of an incident.</summary>
    public static IncidentLabel For(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var kpis = KpisOf(incident.Kind);
        return new IncidentLabel(
            KindName(incident.Kind), kpis[0], kpis, incident.Slice.ToDimensions(),
            incident.Start.ToUniversalTime(), incident.End.ToUniversalTime(), incident.EffectiveMagnitude);
    }

    /// <summary>The label as one line of JSON (no trailing newline).</summary>
    public string ToJsonLine() => JsonSerializer.Serialize(this, LineOptions);

    /// <summary>Reads a label from one line of JSON.</summary>
    public static IncidentLabel FromJsonLine(string line) =>
        JsonSerializer.Deserialize<IncidentLabel>(line, LineOptions) ?? throw new JsonException("A label line was null.");
}
