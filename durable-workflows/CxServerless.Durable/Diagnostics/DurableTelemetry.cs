using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CxServerless.Durable.Diagnostics;

/// <summary>The engine's OpenTelemetry sources: spans per episode and per activity, and counters.</summary>
public static class DurableTelemetry
{
    /// <summary>The ActivitySource and Meter name to subscribe to.</summary>
    public const string SourceName = "CxServerless.Durable";

    /// <summary>Spans: <c>workflow.episode</c> and <c>workflow.activity</c>.</summary>
    public static ActivitySource Source { get; } = new(SourceName);

    /// <summary>Engine counters.</summary>
    public static Meter Meter { get; } = new(SourceName);

    /// <summary>Episodes committed.</summary>
    public static Counter<long> Episodes { get; } = Meter.CreateCounter<long>("workflow.episodes");

    /// <summary>ETag conflicts resolved by reload and replay.</summary>
    public static Counter<long> Conflicts { get; } = Meter.CreateCounter<long>("workflow.conflicts");

    /// <summary>Messages recognised as already applied.</summary>
    public static Counter<long> Duplicates { get; } = Meter.CreateCounter<long>("workflow.duplicates");

    /// <summary>Instances failed because a message was poison.</summary>
    public static Counter<long> Poisoned { get; } = Meter.CreateCounter<long>("workflow.poisoned");
}
