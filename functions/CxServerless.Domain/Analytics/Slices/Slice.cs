using System.Text.Json.Serialization;
using CxServerless.Domain.Events;

namespace CxServerless.Domain.Analytics.Slices;

/// <summary>
/// One slice of the event stream a KPI is computed for: <c>all</c>, or a dimension and a value such as
/// <c>channel=Voice</c> or <c>queue=billing</c>. Its text form (<see cref="ToString"/>) is the stable key used in
/// storage, alert ids and the rules file.
/// </summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Value">The dimension's value; empty for <see cref="SliceDimension.All"/>.</param>
[JsonConverter(typeof(SliceJsonConverter))]
public readonly record struct Slice(SliceDimension Dimension, string Value)
{
    /// <summary>The slice holding every event.</summary>
    public static Slice All { get; } = new(SliceDimension.All, string.Empty);

    /// <summary>The most slices one event belongs to: all, channel, queue, team and region.</summary>
    public const int MaxPerEvent = 5;

    /// <summary>The lower-case name of a dimension as written in keys and rules (<c>channel</c>, <c>queue</c>…).</summary>
    public static string DimensionName(SliceDimension dimension) => dimension switch
    {
        SliceDimension.All => "all",
        SliceDimension.Channel => "channel",
        SliceDimension.Queue => "queue",
        SliceDimension.Team => "team",
        SliceDimension.Region => "region",
        _ => throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "Unknown slice dimension."),
    };

    /// <summary>Parses the text form (<c>all</c> or <c>dimension=value</c>); returns false when it is not one.</summary>
    public static bool TryParse(string? text, out Slice slice)
    {
        slice = All;
        if (string.Equals(text, "all", StringComparison.Ordinal))
        {
            return true;
        }

        var separator = text?.IndexOf('=', StringComparison.Ordinal) ?? -1;
        if (text is null || separator <= 0 || separator == text.Length - 1)
        {
            return false;
        }

        if (!TryParseDimension(text[..separator], out var dimension) || dimension == SliceDimension.All)
        {
            return false;
        }

        slice = new Slice(dimension, text[(separator + 1)..]);
        return true;
    }

    /// <summary>Parses a dimension name (<c>channel</c>, <c>queue</c>, <c>team</c>, <c>region</c>, <c>all</c>).</summary>
    public static bool TryParseDimension(string text, out SliceDimension dimension)
    {
        foreach (var candidate in Enum.GetValues<SliceDimension>())
        {
            if (string.Equals(DimensionName(candidate), text, StringComparison.Ordinal))
            {
                dimension = candidate;
                return true;
            }
        }

        dimension = SliceDimension.All;
        return false;
    }

    /// <summary>
    /// Writes the slices an event belongs to into <paramref name="destination"/> (at least <see cref="MaxPerEvent"/>
    /// long) and returns how many: always <see cref="All"/> and the channel, then queue, team and region when known.
    /// </summary>
    public static int ForEvent(CxEvent cxEvent, Span<Slice> destination)
    {
        ArgumentNullException.ThrowIfNull(cxEvent);
        var count = 0;
        destination[count++] = All;
        destination[count++] = new Slice(SliceDimension.Channel, ChannelNames.Of(cxEvent.Channel));
        count = AddWhenKnown(destination, count, SliceDimension.Queue, cxEvent.Queue);
        count = AddWhenKnown(destination, count, SliceDimension.Team, cxEvent.Team);
        return AddWhenKnown(destination, count, SliceDimension.Region, cxEvent.Region);
    }

    /// <inheritdoc />
    public override string ToString() => Dimension == SliceDimension.All ? "all" : $"{DimensionName(Dimension)}={Value}";

    private static int AddWhenKnown(Span<Slice> destination, int count, SliceDimension dimension, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            destination[count++] = new Slice(dimension, value);
        }

        return count;
    }
}
