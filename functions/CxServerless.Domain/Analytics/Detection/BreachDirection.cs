using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Detection;

/// <summary>Which side of its baseline a value is on, or which sides a detector watches.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<BreachDirection>))]
public enum BreachDirection
{
    /// <summary>On neither side (or not applicable).</summary>
    None,

    /// <summary>Above the baseline.</summary>
    Above,

    /// <summary>Below the baseline.</summary>
    Below,

    /// <summary>Either side (for a detector's configuration).</summary>
    Both,
}
