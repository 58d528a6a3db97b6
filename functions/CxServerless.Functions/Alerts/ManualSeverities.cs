using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Functions.Alerts;

/// <summary>
/// The severities people declare and the escalation chains they use: low → informational, medium → warning,
/// high → error, critical → critical. One step each, in order, so a declared severity reads the way the chain acts
/// (docs/escalation.md, "Manual alerts").
/// </summary>
public static class ManualSeverities
{
    /// <summary>Gets the declared severities, mildest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["low", "medium", "high", "critical"];

    /// <summary>Maps a declared severity to the chain severity; false when it is not one of <see cref="Names"/>.</summary>
    /// <param name="declared">The declared severity (lower case).</param>
    /// <param name="severity">The chain severity.</param>
    /// <returns>Whether it is known.</returns>
    public static bool TryMap(string? declared, out AlertSeverity severity)
    {
        (var known, severity) = declared switch
        {
            "low" => (true, AlertSeverity.Informational),
            "medium" => (true, AlertSeverity.Warning),
            "high" => (true, AlertSeverity.Error),
            "critical" => (true, AlertSeverity.Critical),
            _ => (false, default),
        };
        return known;
    }
}
