namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>
/// One contribution of an event to a KPI: a value and a weight (the denominator's share). Almost every observation
/// has weight 1; an escalation adds to the numerator only (weight 0), a handled contact to the denominator only.
/// </summary>
/// <param name="Kpi">The KPI.</param>
/// <param name="Value">What is added to the sum.</param>
/// <param name="Weight">What is added to the count (the denominator).</param>
public readonly record struct KpiObservation(KpiId Kpi, double Value, long Weight = 1);
