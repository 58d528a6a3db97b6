using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Windows;

/// <summary>Whether a window's figure can still change.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<WindowStatus>))]
public enum WindowStatus
{
    /// <summary>The global watermark has not passed the window's end: a late event may still correct it.</summary>
    Provisional,

    /// <summary>The global watermark has passed the window's end: only a too-late event could have changed it.</summary>
    Final,
}
