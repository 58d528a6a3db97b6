using CxServerless.Domain.Analytics.Alerts;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>What all detectors of one KPI and slice made of one window, combined.</summary>
/// <param name="Level">Breach when any detector breaches; else hold when any holds; else clear when any judged; else insufficient.</param>
/// <param name="Primary">The verdict that speaks for the window: the most severe breach, else the first hold, else the first clear.</param>
/// <param name="Verdicts">Every detector's verdict, in rule order.</param>
public sealed record PanelVerdict(DetectionLevel Level, DetectorVerdict Primary, IReadOnlyList<DetectorVerdict> Verdicts)
{
    /// <summary>The severity of the most severe breaching detector (or of the primary verdict when none breaches).</summary>
    public AlertSeverity Severity => Level == DetectionLevel.Breach
        ? Verdicts.Where(v => v.Level == DetectionLevel.Breach).Max(v => v.Severity)
        : Primary.Severity;

    /// <summary>Combines verdicts of one window (at least one).</summary>
    public static PanelVerdict Combine(IReadOnlyList<DetectorVerdict> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        ArgumentOutOfRangeException.ThrowIfZero(verdicts.Count);
        var breaches = verdicts.Where(v => v.Level == DetectionLevel.Breach).ToArray();
        if (breaches.Length > 0)
        {
            return new PanelVerdict(DetectionLevel.Breach, breaches.MaxBy(v => v.Severity)!, verdicts);
        }

        foreach (var level in (DetectionLevel[])[DetectionLevel.Hold, DetectionLevel.Clear])
        {
            if (verdicts.FirstOrDefault(v => v.Level == level) is { } first)
            {
                return new PanelVerdict(level, first, verdicts);
            }
        }

        return new PanelVerdict(DetectionLevel.Insufficient, verdicts[0], verdicts);
    }
}
