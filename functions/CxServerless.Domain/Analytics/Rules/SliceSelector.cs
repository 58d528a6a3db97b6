using CxServerless.Domain.Analytics.Slices;

namespace CxServerless.Domain.Analytics.Rules;

/// <summary>
/// Which slices a rule watches: <c>all</c>, one slice (<c>queue=billing</c>) or every value of a dimension (<c>queue=*</c>).
/// </summary>
/// <param name="Dimension">The dimension.</param>
/// <param name="Value">The value, or null for every value.</param>
public sealed record SliceSelector(SliceDimension Dimension, string? Value)
{
    /// <summary>Parses the text form; returns null when it is not one.</summary>
    public static SliceSelector? Parse(string? text)
    {
        if (text is not null && text.EndsWith("=*", StringComparison.Ordinal)
            && Slice.TryParseDimension(text[..^2], out var dimension) && dimension != SliceDimension.All)
        {
            return new SliceSelector(dimension, null);
        }

        return Slice.TryParse(text, out var slice)
            ? new SliceSelector(slice.Dimension, slice.Dimension == SliceDimension.All ? null : slice.Value)
            : null;
    }

    /// <summary>True when <paramref name="slice"/> is selected.</summary>
    public bool Matches(Slice slice) =>
        slice.Dimension == Dimension && (Value is null || string.Equals(Value, slice.Value, StringComparison.Ordinal));

    /// <summary>True when some slice is selected by both.</summary>
    public bool Overlaps(SliceSelector other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Dimension == other.Dimension
            && (Value is null || other.Value is null || string.Equals(Value, other.Value, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString() =>
        Dimension == SliceDimension.All ? "all" : $"{Slice.DimensionName(Dimension)}={Value ?? "*"}";
}
