using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Kpis;

/// <summary>How a KPI's value is read from its window aggregate.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<KpiValueKind>))]
public enum KpiValueKind
{
    /// <summary>Sum ÷ weight: a mean of the observations (seconds, scores).</summary>
    Mean,

    /// <summary>100 × sum ÷ weight: a rate of 0/1 observations, as a percentage.</summary>
    Percent,

    /// <summary>The weight: how many observations fell in the window.</summary>
    Count,

    /// <summary>The running sum of all observations up to the window's end: a point-in-time level.</summary>
    Gauge,
}
