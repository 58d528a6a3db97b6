namespace CxServerless.Domain.Analytics.Recalibration;

/// <summary>A baseline recomputed from the history: the distribution of one rule's window values for one slice.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Slice">The slice, as text.</param>
/// <param name="Windows">Final windows with a value.</param>
/// <param name="Mean">Their mean.</param>
/// <param name="StdDev">Their standard deviation.</param>
/// <param name="P05">The 5th percentile.</param>
/// <param name="P50">The median.</param>
/// <param name="P95">The 95th percentile.</param>
public sealed record SliceBaseline(
    string RuleId, string Slice, int Windows, double Mean, double StdDev, double P05, double P50, double P95);
