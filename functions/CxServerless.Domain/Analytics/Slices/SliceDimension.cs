using System.Text.Json.Serialization;

namespace CxServerless.Domain.Analytics.Slices;

/// <summary>The dimension a KPI is sliced by.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SliceDimension>))]
public enum SliceDimension
{
    /// <summary>No slicing: every event.</summary>
    All,

    /// <summary>By <see cref="Events.CxEvent.Channel"/>.</summary>
    Channel,

    /// <summary>By <see cref="Events.CxEvent.Queue"/>.</summary>
    Queue,

    /// <summary>By <see cref="Events.CxEvent.Team"/>.</summary>
    Team,

    /// <summary>By <see cref="Events.CxEvent.Region"/>.</summary>
    Region,
}
