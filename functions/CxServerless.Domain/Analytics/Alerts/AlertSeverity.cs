using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>How urgent an alert is, ordered so that a larger value is more severe. Azure Monitor's Sev3…Sev0.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    /// <summary>For information (Sev3).</summary>
    Informational,

    /// <summary>Needs attention soon (Sev2).</summary>
    Warning,

    /// <summary>Service is degraded (Sev1).</summary>
    Error,

    /// <summary>Service is failing customers now (Sev0).</summary>
    Critical,
}
