using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Alerts;

/// <summary>What a window did to the alert of a KPI and slice.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertTransitionKind>))]
public enum AlertTransitionKind
{
    /// <summary>Nothing to store or send.</summary>
    None,

    /// <summary>A new alert opened: store it and send an <c>alerts</c> queue message with its id.</summary>
    Opened,

    /// <summary>The open alert was updated (value, severity): upsert the same row; send nothing.</summary>
    Updated,

    /// <summary>The open alert recovered: upsert the row as resolved.</summary>
    Resolved,
}
