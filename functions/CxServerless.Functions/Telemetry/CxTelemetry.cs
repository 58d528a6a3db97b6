using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CxServerless.Functions.Telemetry;

/// <summary>
/// The handler's own trace source and meter. Every span and instrument of the app is named <c>CxServerless.*</c>, which
/// is what <see cref="TelemetryExtensions.AddCxTelemetry"/> exports.
/// </summary>
public static class CxTelemetry
{
    /// <summary>The prefix of every ActivitySource and Meter name the app exports.</summary>
    public const string Prefix = "CxServerless";

    /// <summary>The handler's trace source (one span per invocation).</summary>
    public static readonly ActivitySource Source = new($"{Prefix}.Functions");

    /// <summary>The handler's meter.</summary>
    public static readonly Meter Meter = new($"{Prefix}.Functions");

    /// <summary>Invocations by function and outcome.</summary>
    public static readonly Counter<long> Invocations =
        Meter.CreateCounter<long>("cx.invocations", unit: "{invocation}", description: "Function invocations by function and outcome.");

    /// <summary>Invocation duration by function.</summary>
    public static readonly Histogram<double> InvocationDuration =
        Meter.CreateHistogram<double>("cx.invocation.duration", unit: "s", description: "Function invocation duration.");

    /// <summary>Seconds from the handler process's start to its readiness, once per process: one record per (cold) start.</summary>
    public static readonly Histogram<double> StartDuration = Meter.CreateHistogram<double>(
        "cx.handler.start.duration", unit: "s", description: "Handler process start to readiness, once per process.");
}
