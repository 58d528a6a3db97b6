using System.Globalization;
using CxServerless.Domain;
using CxServerless.Domain.Analytics.Windows;

namespace CxServerless.Functions.Kpis;

/// <summary>
/// The text form of a window in the HTTP API: <c>tumbling:15m</c>, <c>hopping:15m:1m</c> (size, hop) or
/// <c>sliding:15m</c>; durations as in the rules file (<c>30s</c>, <c>15m</c>, <c>4h</c>, <c>1d</c>).
/// </summary>
public static class WindowText
{
    /// <summary>Parses a window; null with an error when the text is not one.</summary>
    public static WindowSpec? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split(':');
        error = null;
        if (parts.Length < 2 || !DurationText.TryParse(parts[1], out var size))
        {
            error = $"window '{text}' is not kind:size[:hop], for example hopping:15m:1m, tumbling:15m or sliding:15m";
            return null;
        }

        var kind = parts[0].ToLowerInvariant();
        var hop = size;
        if (kind == "hopping" && (parts.Length != 3 || !DurationText.TryParse(parts[2], out hop)))
        {
            error = $"window '{text}': a hopping window needs a hop, for example hopping:15m:1m";
            return null;
        }

        if (kind is "tumbling" or "sliding" && parts.Length != 2 || kind is not ("tumbling" or "sliding" or "hopping"))
        {
            error = $"window '{text}': the kind must be tumbling, hopping or sliding, with a size (and a hop for hopping)";
            return null;
        }

        if (WindowSpec.Validate(size, kind == "sliding" ? TimeSpan.FromMinutes(1) : hop, TimeSpan.Zero) is { } invalid)
        {
            error = $"window '{text}': {invalid}";
            return null;
        }

        return kind switch
        {
            "tumbling" => WindowSpec.Tumbling(size),
            "sliding" => WindowSpec.Sliding(size),
            _ => WindowSpec.Hopping(size, hop),
        };
    }

    /// <summary>The text form of a window.</summary>
    public static string Format(WindowSpec window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return window.Kind switch
        {
            WindowKind.Tumbling => $"tumbling:{Duration(window.Size)}",
            WindowKind.Sliding => $"sliding:{Duration(window.Size)}",
            _ => $"hopping:{Duration(window.Size)}:{Duration(window.Hop)}",
        };
    }

    private static string Duration(TimeSpan span) =>
        span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{(span.Ticks / TimeSpan.TicksPerDay).ToString(CultureInfo.InvariantCulture)}d"
        : span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{(span.Ticks / TimeSpan.TicksPerHour).ToString(CultureInfo.InvariantCulture)}h"
        : $"{(span.Ticks / TimeSpan.TicksPerMinute).ToString(CultureInfo.InvariantCulture)}m";
}
