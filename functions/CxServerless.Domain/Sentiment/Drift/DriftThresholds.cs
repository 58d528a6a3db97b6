namespace CxServerless.Domain.Sentiment.Drift;

/// <summary>When the drift check warns and when it raises an operations alert.</summary>
/// <param name="PsiWarn">A population stability index at or above this is a warning (0.1 by convention).</param>
/// <param name="PsiAlert">A population stability index at or above this raises an alert (0.25 by convention).</param>
/// <param name="AccuracyDropPoints">An accuracy this many percentage points or more below the baseline raises an alert.</param>
/// <param name="RecallDropPoints">A class recall this many percentage points or more below the baseline raises an alert.</param>
public sealed record DriftThresholds(double PsiWarn, double PsiAlert, double AccuracyDropPoints, double RecallDropPoints);
