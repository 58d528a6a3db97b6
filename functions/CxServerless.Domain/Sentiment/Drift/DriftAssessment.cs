using System.Globalization;

namespace CxServerless.Domain.Sentiment.Drift;

/// <summary>The verdict of one drift check: <c>ok</c>, <c>warn</c> or <c>alert</c>, with the reasons in words.</summary>
/// <param name="Status">The worst finding: <see cref="Ok"/>, <see cref="Warn"/> or <see cref="Alert"/>.</param>
/// <param name="Reasons">One sentence per threshold crossed; empty when <see cref="Ok"/>.</param>
public sealed record DriftAssessment(string Status, IReadOnlyList<string> Reasons)
{
    /// <summary>Nothing crossed a threshold.</summary>
    public const string Ok = "ok";

    /// <summary>The score distribution moved past the warning threshold only: recorded, no alert.</summary>
    public const string Warn = "warn";

    /// <summary>A threshold that raises an operations alert was crossed.</summary>
    public const string Alert = "alert";

    /// <summary>Judges the figures of a check against the thresholds.</summary>
    /// <param name="current">Today's accuracy on the sample.</param>
    /// <param name="baseline">The baseline's accuracy, or null when there is none to compare with.</param>
    /// <param name="psi">The last day's population stability index, or null when there were too few scores.</param>
    /// <param name="thresholds">The thresholds.</param>
    /// <returns>The verdict.</returns>
    public static DriftAssessment Judge(LabelledAccuracy current, LabelledAccuracy? baseline, double? psi, DriftThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(thresholds);
        var alerts = new List<string>();
        var warnings = new List<string>();
        if (baseline is not null)
        {
            var drop = (baseline.Accuracy - current.Accuracy) * 100;
            if (drop >= thresholds.AccuracyDropPoints)
            {
                alerts.Add(Text($"accuracy {current.Accuracy:0.000} is {drop:0.0} points below the baseline {baseline.Accuracy:0.000}")
                    + Text($" (limit {thresholds.AccuracyDropPoints:0.#})"));
            }

            foreach (var (label, was) in baseline.Recall)
            {
                var now = current.Recall.GetValueOrDefault(label);
                var fall = (was - now) * 100;
                if (fall >= thresholds.RecallDropPoints)
                {
                    alerts.Add(Text($"{label.ToString().ToLowerInvariant()} recall {now:0.000} is {fall:0.0} points below")
                        + Text($" the baseline {was:0.000} (limit {thresholds.RecallDropPoints:0.#})"));
                }
            }
        }

        if (psi is { } index)
        {
            if (index >= thresholds.PsiAlert)
            {
                alerts.Add(Text($"score distribution PSI {index:0.000} is at or above {thresholds.PsiAlert:0.###}"));
            }
            else if (index >= thresholds.PsiWarn)
            {
                warnings.Add(Text($"score distribution PSI {index:0.000} is at or above the warning level {thresholds.PsiWarn:0.###}"));
            }
        }

        return alerts.Count > 0 ? new DriftAssessment(Alert, [.. alerts, .. warnings])
            : warnings.Count > 0 ? new DriftAssessment(Warn, warnings)
            : new DriftAssessment(Ok, []);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
