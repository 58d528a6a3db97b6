using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Windows;

/// <summary>The window kinds composed from minute buckets at read time.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowKind>))]
public enum WindowKind
{
    /// <summary>Fixed, contiguous, non-overlapping windows (ASA <c>TumblingWindow</c>).</summary>
    Tumbling,

    /// <summary>Fixed windows that move by a hop and may overlap (ASA <c>HoppingWindow</c>).</summary>
    Hopping,

    /// <summary>A window of fixed size that is evaluated whenever its content changes (ASA <c>SlidingWindow</c>).</summary>
    Sliding,
}
