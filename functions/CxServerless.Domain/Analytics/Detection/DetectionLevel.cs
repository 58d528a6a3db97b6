using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>Where a window's value stands against a detector, with a band between breach and clear for hysteresis.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<DetectionLevel>))]
public enum DetectionLevel
{
    /// <summary>Too few samples in the window, or too little history, to judge.</summary>
    Insufficient,

    /// <summary>Inside the clear threshold: normal, and counts towards recovery.</summary>
    Clear,

    /// <summary>Between the clear and breach thresholds: neither opens nor recovers an alert.</summary>
    Hold,

    /// <summary>Past the breach threshold: counts towards opening an alert.</summary>
    Breach,
}
