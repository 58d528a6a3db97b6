using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>The life of an alert.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    /// <summary>Raised and not yet recovered.</summary>
    Open,

    /// <summary>Recovered after enough normal windows.</summary>
    Resolved,
}
