using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.EventTime;

/// <summary>How an event's time relates to its partition's progress when it arrives.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<EventTimeliness>))]
public enum EventTimeliness
{
    /// <summary>At or after the partition's latest event time: it moves the partition forward.</summary>
    InOrder,

    /// <summary>
    /// Older than the partition's latest event but within the allowed lateness: it is counted in its own minute and
    /// corrects the provisional windows that contain it.
    /// </summary>
    Late,

    /// <summary>
    /// At or before the watermark: the windows it belongs to may already be final. The caller stores it, counts it and
    /// lists it in the late-events view; it is not added to the buckets.
    /// </summary>
    TooLate,
}
