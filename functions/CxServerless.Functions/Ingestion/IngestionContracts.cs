using System.Text.Json;
using System.Text.Json.Serialization;

namespace CxServerless.Functions.Ingestion;

/// <summary>The body of <c>GET /api/ops/ingestion</c>: the counters over all sources, by source, and the partitions read.</summary>
/// <param name="Received">Distinct deliveries counted.</param>
/// <param name="Stored">Events stored.</param>
/// <param name="Quarantined">Quarantined events by reason code.</param>
/// <param name="QuarantinedTotal">All quarantined events.</param>
/// <param name="Duplicates">Events that repeated an already stored event.</param>
/// <param name="Late">Stored events that arrived later than the lateness threshold.</param>
/// <param name="SkewSeconds">The ingest-minus-event-time skew of stored events; null when nothing is stored.</param>
/// <param name="BySource">The same counters per source system.</param>
/// <param name="Partitions">The number of partition counter rows read.</param>
public sealed record IngestionTotalsResponse(
    long Received, long Stored, IReadOnlyDictionary<string, long> Quarantined, long QuarantinedTotal, long Duplicates, long Late,
    SkewSecondsResponse? SkewSeconds, IReadOnlyDictionary<string, SourceTotalsResponse> BySource, int Partitions);

/// <summary>The counters of one source in <c>GET /api/ops/ingestion</c>.</summary>
/// <param name="Received">Distinct deliveries counted.</param>
/// <param name="Stored">Events stored.</param>
/// <param name="Quarantined">Quarantined events by reason code.</param>
/// <param name="QuarantinedTotal">All quarantined events.</param>
/// <param name="Duplicates">Events that repeated an already stored event.</param>
/// <param name="Late">Stored events that arrived later than the lateness threshold.</param>
/// <param name="SkewSeconds">The ingest-minus-event-time skew of stored events; null when nothing is stored.</param>
public sealed record SourceTotalsResponse(
    long Received, long Stored, IReadOnlyDictionary<string, long> Quarantined, long QuarantinedTotal, long Duplicates, long Late,
    SkewSecondsResponse? SkewSeconds);

/// <summary>The skew of stored events, in seconds, rounded to 3 decimals.</summary>
/// <param name="Mean">The mean skew.</param>
/// <param name="Max">The largest skew.</param>
public sealed record SkewSecondsResponse(double Mean, double Max);

/// <summary>Source-generated serialisation of the ingestion contracts.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IngestionTotalsResponse))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
