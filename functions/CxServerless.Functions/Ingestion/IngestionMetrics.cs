using System.Diagnostics.Metrics;
using CxServerless.Functions.Telemetry;

namespace CxServerless.Functions.Ingestion;

/// <summary>
/// OpenTelemetry instruments of ingestion (on <see cref="CxTelemetry.Meter"/>), recorded once a batch's counters are committed.
/// </summary>
public static class IngestionMetrics
{
    /// <summary>Events by outcome (<c>stored</c>, <c>quarantined</c>, <c>duplicate</c>), source and quarantine reason.</summary>
    public static readonly Counter<long> Events =
        CxTelemetry.Meter.CreateCounter<long>(
            "cx.ingest.events", unit: "{event}", description: "Ingested events by outcome, source and quarantine reason.");

    /// <summary>Stored events that arrived late, by source.</summary>
    public static readonly Counter<long> Late =
        CxTelemetry.Meter.CreateCounter<long>(
            "cx.ingest.late", unit: "{event}", description: "Stored events that arrived after the lateness threshold.");

    /// <summary>Seconds from Event Hubs' enqueue of an event to the commit of its batch (the ingestion lag), per event.</summary>
    public static readonly Histogram<double> Lag = CxTelemetry.Meter.CreateHistogram<double>(
        "cx.ingest.lag", unit: "s", description: "Time from Event Hubs enqueue to the committed batch, per event.");

    /// <summary>Records the lag of every event of a committed batch that carries its enqueued time.</summary>
    public static void RecordLag(IEnumerable<DateTimeOffset?> enqueuedTimes, DateTimeOffset committedAt)
    {
        ArgumentNullException.ThrowIfNull(enqueuedTimes);
        foreach (var enqueued in enqueuedTimes)
        {
            if (enqueued is { } time)
            {
                Lag.Record(Math.Max(0, (committedAt - time).TotalSeconds));
            }
        }
    }

    /// <summary>Records a committed batch.</summary>
    public static void Record(IngestionTotals delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        foreach (var (source, totals) in delta.BySource)
        {
            var sourceTag = new KeyValuePair<string, object?>("source", source);
            Add(Events, totals.Stored, sourceTag, new("outcome", "stored"));
            Add(Events, totals.Duplicates, sourceTag, new("outcome", "duplicate"));
            Add(Late, totals.Late, sourceTag);
            foreach (var (reason, count) in totals.Quarantined)
            {
                Add(Events, count, sourceTag, new("outcome", "quarantined"), new("reason", reason));
            }
        }
    }

    private static void Add(Counter<long> counter, long value, params ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (value > 0)
        {
            counter.Add(value, tags);
        }
    }
}
