using System.Text.Json.Serialization;

namespace CxSim.Faults;

/// <summary>How a deliberately bad event is broken, so ingestion's quarantine reasons can be checked against it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MalformedKind>))]
public enum MalformedKind
{
    /// <summary>The JSON is cut off part-way.</summary>
    TruncatedJson,

    /// <summary>Fields have the wrong JSON types (a number for the event time, text for a duration, a number for the type).</summary>
    WrongTypes,

    /// <summary>Valid JSON with a negative duration.</summary>
    NegativeDuration,

    /// <summary>Valid JSON whose event time is days in the future.</summary>
    FutureTimestamp,

    /// <summary>Not the canonical format at all (XML, pipe-separated text, or an unknown JSON shape).</summary>
    UnknownFormat,

    /// <summary>Valid JSON without a required field (event id, conversation id or type).</summary>
    MissingRequiredField,
}
